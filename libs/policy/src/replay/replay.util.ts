import type { EngineDecision, JobOutcome } from '../engine.types';
import type { Policy } from '../policy/policy.types';
import { ReplaySession } from './replay-session';

/**
 * Replays outcomes (sorted by time) through a fresh engine and returns every decision: the engine ticks
 * every `tickIntervalMs` (default 60 000) of trace time between outcomes, and once at the end.
 */
export function replay(
  policy: Policy,
  outcomes: Iterable<JobOutcome>,
  options?: { tickIntervalMs?: number },
): EngineDecision[] {
  const session = new ReplaySession(policy, options?.tickIntervalMs);
  const decisions: EngineDecision[] = [];
  for (const outcome of outcomes) {
    decisions.push(...session.feed(outcome));
  }
  decisions.push(...session.finish());
  return decisions;
}
