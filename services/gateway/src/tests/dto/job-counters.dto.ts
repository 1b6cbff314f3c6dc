/** Jobs of a test (on one queue, or on all) by current state, from the hourly rollups. */
export class JobCountersDto {
  submitted!: number;
  running!: number;
  completed!: number;
  failed!: number;
  cancelled!: number;
  lost!: number;
  total!: number;
  /** failed / (completed + failed) × 100, one decimal; null while no job has completed or failed. */
  failPercent!: number | null;
}
