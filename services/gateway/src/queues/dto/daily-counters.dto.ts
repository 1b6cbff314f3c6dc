/** A queue's jobs submitted on one UTC day, by their current state, from `queue_daily_rollups`. */
export class DailyCountersDto {
  /** The UTC day, `YYYY-MM-DD`. */
  day!: string;
  submitted!: number;
  running!: number;
  completed!: number;
  failed!: number;
  cancelled!: number;
  lost!: number;
  total!: number;
  /** completed / (completed + failed), four decimals; null when none completed or failed. */
  efficiency!: number | null;
}
