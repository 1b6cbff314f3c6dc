import type { JobStateName } from '@anvil/contracts';

/** What one batch changes in one `job_rollups` row (test × queue × hour of submission). */
export interface RollupDelta {
  readonly testId: string;
  readonly queueId: string;
  /** Start of the UTC hour the jobs were submitted in. */
  readonly hour: Date;
  readonly counts: Readonly<Record<JobStateName, number>>;
  readonly total: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly events: bigint;
}
