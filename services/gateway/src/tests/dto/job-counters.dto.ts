import { ApiProperty } from '@nestjs/swagger';
import { JobStateCountsDto } from './job-state-counts.dto';

/** Jobs of a test (on one queue, or on all) by current state: the live counters, or the hourly rollups summed. */
export class JobCountersDto extends JobStateCountsDto {
  /** failed / (completed + failed) × 100, one decimal; null while no job has completed or failed. */
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'failed / (completed + failed) × 100, one decimal; null while no job has completed or failed',
    example: 7.9,
  })
  failPercent!: number | null;
}
