import { ApiProperty } from '@nestjs/swagger';
import { ApiTokenDto } from './api-token.dto';

/** Answer of `POST /tokens`: the token with its plaintext, which is shown this once and never again. */
export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({
    description: 'Send as `Authorization: Bearer <token>`. Store it now: Anvil keeps only its hash',
    example: 'anvil_3q2-7wK5p0eQm1q2yYpX0b9c8d7e6f5g4h3i2j1k0lM',
  })
  token!: string;
}
