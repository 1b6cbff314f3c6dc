import type { QueueDecision } from '../engine.types';
import { at, MINUTE, run, testPolicy } from '../testing/job-outcome.fixture';
import { replay } from './replay.util';

describe(replay.name, () => {
  const policy = testPolicy({ minExclusion: '10m' });

  it('ticks between outcomes, so a recovery held by the minimum time happens on the tick', () => {
    // Excluded at minute 2; the successes at 3 and 4 are too early; recovery becomes possible at 12.
    const outcomes = [...run('sss..'), ...run('.', { from: 30 })];
    const decisions = replay(policy, outcomes) as QueueDecision[];
    expect(decisions.map((d) => [d.action, (d.time - at(0)) / MINUTE])).toEqual([
      ['exclude', 2],
      ['recover', 12],
    ]);
  });

  it('ticks at the given interval, aligned to multiples of it', () => {
    const outcomes = [...run('sss..'), ...run('.', { from: 30 })];
    const decisions = replay(policy, outcomes, { tickIntervalMs: 5 * MINUTE }) as QueueDecision[];
    expect(decisions.map((d) => (d.time - at(0)) / MINUTE)).toEqual([2, 15]);
  });

  it('returns nothing for an empty trace', () => {
    expect(replay(policy, [])).toEqual([]);
  });
});
