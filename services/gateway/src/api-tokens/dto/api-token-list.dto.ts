import { ApiProperty } from '@nestjs/swagger';
import { ApiTokenDto } from './api-token.dto';

/** Every API token, revoked and expired ones included, newest first. */
export class ApiTokenListDto {
  @ApiProperty({ type: [ApiTokenDto] }) items!: ApiTokenDto[];
}
