import { JobStateCountsDto } from './job-state-counts.dto';

/** Jobs of a test (on one queue, or on all) by current state: the live counters, or the hourly rollups summed. */
export class JobCountersDto extends JobStateCountsDto {
  /** failed / (completed + failed) × 100, one decimal; null while no job has completed or failed. */
  failPercent!: number | null;
}
