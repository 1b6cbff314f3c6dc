/** Jobs of a test (on one queue, or on all) by current state: the live counters, or the hourly rollups summed. */
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
