import { ApiProperty } from '@nestjs/swagger';

/** The template a test was made from, and the version it pins. */
export class TestTemplateRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
