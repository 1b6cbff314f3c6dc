import type { BlockReason } from '../engine.types';
import type { Policy } from '../policy/policy.types';
import type { QueueSnapshot } from './engine-snapshot.types';
import { scopeValue } from './scope.util';

/** What the guards need to know of the engine besides the queue. */
export interface GuardView {
  readonly policy: Policy;
  readonly protectedIds: ReadonlySet<string>;
  readonly queues: Iterable<QueueSnapshot>;
  readonly inOutage: (queue: QueueSnapshot) => boolean;
}

/**
 * Checked after the exclusion: blocked when (excluded + 1)·100 > percent·total in the queue's scope,
 * in exact arithmetic (no rounding). Excluded counts every excluded queue of the scope, whoever
 * excluded it (and, for a dry-run policy, the queues it would have excluded).
 */
export function overExcludedLimit(
  queue: QueueSnapshot,
  spec: string,
  percent: number,
  queues: Iterable<QueueSnapshot>,
): boolean {
  const scope = scopeValue(queue, spec);
  if (scope === undefined) {
    return false;
  }
  let total = 0;
  let excluded = 0;
  for (const q of queues) {
    if (scopeValue(q, spec) === scope) {
      total += 1;
      excluded += q.status === 'excluded' || q.episode?.excluded === true ? 1 : 0;
    }
  }
  return (excluded + 1) * 100 > percent * total;
}

/**
 * Why a new exclusion of the queue would not be enforced now, highest priority first: a manual
 * override, then the guards (protected, auto-exclusion off, an open outage, the percent limit), then
 * the policy's own backoff, and last `dry-run`. Undefined: the exclusion is enforced.
 */
export function blockReason(view: GuardView, queue: QueueSnapshot, now: number): BlockReason | undefined {
  if (queue.override !== null) {
    return 'manual-override';
  }
  if (queue.protected || view.protectedIds.has(queue.queueId)) {
    return 'protected';
  }
  if (!queue.autoExclusion) {
    return 'auto-exclusion-off';
  }
  if (view.inOutage(queue)) {
    return 'outage';
  }
  if (view.policy.guards.maxExcludedPercent.some((l) => overExcludedLimit(queue, l.scope, l.percent, view.queues))) {
    return 'max-excluded-percent';
  }
  if (now < queue.reexcludeAfter) {
    return 'backoff';
  }
  return view.policy.enforce ? undefined : 'dry-run';
}
