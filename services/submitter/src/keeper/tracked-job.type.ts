import type { JobStateName } from '@anvil/contracts';

/** A job in flight, as the keeper last saw it. */
export interface TrackedJob {
  readonly jobId: string;
  readonly queueId: string;
  readonly backend: string;
  readonly backendJobId: string;
  /** The original submission time: carried by every event of the job (the partition key of `jobs`). */
  readonly submittedAt: Date;
  /** Last state published (or queued for publishing); never final while tracked. */
  state: JobStateName;
  /** Since when the backend has not known the job (epoch ms); the job is `lost` after a timeout. */
  missingSinceMs?: number;
}
