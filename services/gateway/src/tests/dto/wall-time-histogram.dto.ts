import { ApiProperty } from '@nestjs/swagger';
import { WallTimeBinDto } from './wall-time-bin.dto';

/** Wall times of the test's completed and failed jobs, in equal bins of a round width. */
export class WallTimeHistogramDto {
  @ApiProperty({ type: 'integer', description: 'Completed and failed jobs with a wall time' })
  jobs!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Width of every bin (1, 2, 2.5 or 5 × 10ⁿ s); null without jobs',
  })
  binSeconds!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean wall time, in seconds; null without jobs' })
  meanSeconds!: number | null;

  @ApiProperty({
    type: [WallTimeBinDto],
    description: 'From the shortest wall time’s bin to the longest’s, empty bins included (at most 31)',
  })
  bins!: WallTimeBinDto[];
}
