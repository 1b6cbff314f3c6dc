import { ApiProperty } from '@nestjs/swagger';

export class PolicyRefDto {
  @ApiProperty({ example: 'anvil-default' })
  name!: string;

  @ApiProperty({ description: 'Null when the decider did not record a version', type: Number, nullable: true })
  version!: number | null;
}
