import type { Backoff, Policy } from '../policy/policy.types';
import type { QueueSnapshot } from './engine-snapshot.types';

/** How long after the end of the n-th exclusion the queue may not be excluded again: min(max, base·multiplier^(n-1)). */
export function backoffDuration(backoff: Backoff, n: number): number {
  if (backoff.base === 0 || n < 1) {
    return 0;
  }
  return Math.min(backoff.max, Math.round(backoff.base * backoff.multiplier ** (n - 1)));
}

/** How long the n-th exclusion lasts at least: minExclusion, grown by `minExclusionGrowth` when set. */
export function minExclusionFor(policy: Pick<Policy, 'minExclusion' | 'minExclusionGrowth'>, n: number): number {
  const growth = policy.minExclusionGrowth;
  if (growth === undefined || n <= 1) {
    return policy.minExclusion;
  }
  return Math.max(
    policy.minExclusion,
    Math.min(growth.max, Math.round(policy.minExclusion * growth.multiplier ** (n - 1))),
  );
}

/**
 * Lowers the exclusion count by one per whole `decay` of good behaviour (no open detection) since
 * `goodSince`, moving `goodSince` on by the time used: applying it often or once gives the same count.
 * Returns whether the queue changed.
 */
export function applyDecay(queue: QueueSnapshot, backoff: Backoff, now: number): boolean {
  if (backoff.decay === 0 || queue.episode !== null || queue.exclusionCount === 0 || now < queue.goodSince) {
    return false;
  }
  const steps = Math.floor((now - queue.goodSince) / backoff.decay);
  if (steps === 0) {
    return false;
  }
  queue.exclusionCount = Math.max(0, queue.exclusionCount - steps);
  queue.goodSince += steps * backoff.decay;
  return true;
}
