import type { ErrorClass, JobOutcome } from '../engine.types';
import type { QueueSnapshot } from '../engine/engine-snapshot.types';
import { addRecord, toRecord } from '../engine/evidence.util';
import { newQueue } from '../engine/new-queue.util';
import type { RuleContext } from '../rules/rule-result.types';
import { at, HOUR } from './job-outcome.fixture';

/** A queue's state holding these outcomes (bounded like a policy with big windows). */
export function queueWith(outcomes: readonly JobOutcome[], queueId = outcomes[0]?.queueId ?? 'Q1'): QueueSnapshot {
  const queue = newQueue(queueId, outcomes[0]?.siteId ?? 'SITE-A', 0);
  for (const o of outcomes) {
    addRecord(queue, toRecord(o), 100, 500);
  }
  return queue;
}

/** What a rule sees: the queue of `outcomes` at `now` (default: the last outcome), with optional peers. */
export function ruleContext(
  outcomes: readonly JobOutcome[],
  options: { now?: number; classes?: readonly ErrorClass[]; maxAge?: number; peers?: readonly QueueSnapshot[] } = {},
): RuleContext {
  return {
    now: options.now ?? outcomes.at(-1)?.time ?? at(0),
    queue: queueWith(outcomes),
    countErrorClasses: options.classes ?? ['site'],
    maxAge: options.maxAge ?? 4 * HOUR,
    peers: () => options.peers ?? [],
  };
}
