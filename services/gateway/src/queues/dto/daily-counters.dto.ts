import { JobStateCountsDto } from '../../tests/dto/job-state-counts.dto';

/** A queue's jobs submitted on one UTC day, by their current state, from `queue_daily_rollups`. */
export class DailyCountersDto extends JobStateCountsDto {
  /** The UTC day, `YYYY-MM-DD`. */
  day!: string;
  /** completed / (completed + failed), four decimals; null when none completed or failed. */
  efficiency!: number | null;
}
