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
 * The in-flight limit per queue `elapsedSeconds` after the test started: `maxRunning` before the first step,
 * then each step's value (`step`), or the straight line from one step's value to the next (`linear`).
 */
export function maxRunningAt(profile: KeeperProfile, elapsedSeconds: number): number {
  let from = { afterSeconds: 0, maxRunning: profile.maxRunning };
  for (const step of profile.steps) {
    if (elapsedSeconds < step.afterSeconds) {
      if (profile.ramp === 'step' || step.afterSeconds === from.afterSeconds) {
        return from.maxRunning;
      }
      const share = (elapsedSeconds - from.afterSeconds) / (step.afterSeconds - from.afterSeconds);
      return Math.floor(from.maxRunning + (step.maxRunning - from.maxRunning) * share);
    }
    from = step;
  }
  return from.maxRunning;
}

/**
 * How many jobs to submit to a queue now: enough to bring the waiting jobs up to `minQueueDepth` (with a step
 * profile: the in-flight jobs up to the limit of the moment, whatever runs), without exceeding the in-flight limit
 * of the moment (`maxRunningAt`), nor the queue's total (`totalJobs` when > 0; without resubmission, the first
 * batch: `maxRunning`), nor `perTickLimit` at once.
 */
export function jobsToSubmit(
  counts: QueueCounts,
  profile: KeeperProfile,
  perTickLimit: number,
  elapsedSeconds = 0,
): number {
  const limit = maxRunningAt(profile, elapsedSeconds);
  const byDepth = profile.steps.length > 0 ? limit : Math.min(profile.minQueueDepth, limit) - counts.submitted;
  const byInFlight = limit - (counts.submitted + counts.running);
  const total = profile.totalJobs > 0 ? profile.totalJobs : profile.resubmit ? 0 : profile.maxRunning;
  const byTotal = total > 0 ? total - counts.submittedTotal : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(byDepth, byInFlight, byTotal, perTickLimit));
}
