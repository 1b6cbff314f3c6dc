import { ApiProperty } from '@nestjs/swagger';

/** Finished jobs whose wall time is in [fromSeconds, toSeconds). */
export class WallTimeBinDto {
  @ApiProperty({ description: 'Lower bound, in seconds (included)' })
  fromSeconds!: number;

  @ApiProperty({ description: 'Upper bound, in seconds (excluded)' })
  toSeconds!: number;

  @ApiProperty({ type: 'integer' })
  completed!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;
}
