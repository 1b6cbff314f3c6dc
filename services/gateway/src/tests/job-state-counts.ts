/** Raw per-state job counts (rollup sums). */
export interface JobStateCounts {
  submitted: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  lost: number;
  total: number;
}
