import { ApiProperty } from '@nestjs/swagger';
import { QueueStatsDto } from './queue-stats.dto';
import { WallTimeHistogramDto } from './wall-time-histogram.dto';

/** Figures over a test's finished jobs: a wall-time histogram and, per queue, wall time and throughput. */
export class TestStatsDto {
  @ApiProperty({ format: 'uuid' })
  testId!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'null: every job of the test is counted. Otherwise only the jobs submitted from this hour on: the newest ' +
      '~200,000 finished jobs of a larger test (whole hours)',
  })
  submittedSince!: string | null;

  @ApiProperty({ type: WallTimeHistogramDto })
  wallTime!: WallTimeHistogramDto;

  @ApiProperty({ type: [QueueStatsDto], description: 'Queues with finished jobs, by queue id' })
  queues!: QueueStatsDto[];
}
