import { ApiProperty } from '@nestjs/swagger';

export class SiteRefDto {
  @ApiProperty({ example: 'CERN' })
  id!: string;

  @ApiProperty({ example: 'CERN Geneva' })
  name!: string;
}
