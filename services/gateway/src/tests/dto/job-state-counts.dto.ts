import { ApiProperty } from '@nestjs/swagger';

/** Jobs by current state, and all of them. */
export class JobStateCountsDto {
  @ApiProperty({ type: 'integer' })
  submitted!: number;

  @ApiProperty({ type: 'integer' })
  running!: number;

  @ApiProperty({ type: 'integer' })
  completed!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;

  @ApiProperty({ type: 'integer' })
  cancelled!: number;

  @ApiProperty({ type: 'integer' })
  lost!: number;

  @ApiProperty({ type: 'integer', description: 'All jobs, whatever their state' })
  total!: number;
}
