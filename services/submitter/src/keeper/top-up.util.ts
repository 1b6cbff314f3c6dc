import type { KeeperProfile } from './keeper-test.type';

/** Jobs of one queue of one test, as the keeper tracks them. */
export interface QueueCounts {
  /** Waiting in the queue. */
  readonly submitted: number;
  readonly running: number;
  /** Submitted since the test started, whatever their state now (for `totalJobs`). */
  readonly submittedTotal: number;
}

/**
 * How many jobs to submit to a queue now: enough to bring the waiting jobs up to `minQueueDepth`, without
 * exceeding `maxRunning` in flight, nor `totalJobs` in all (when > 0), nor `perTickLimit` at once.
 */
export function jobsToSubmit(counts: QueueCounts, profile: KeeperProfile, perTickLimit: number): number {
  const byDepth = profile.minQueueDepth - counts.submitted;
  const byInFlight = profile.maxRunning - (counts.submitted + counts.running);
  const byTotal = profile.totalJobs > 0 ? profile.totalJobs - counts.submittedTotal : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(byDepth, byInFlight, byTotal, perTickLimit));
}
