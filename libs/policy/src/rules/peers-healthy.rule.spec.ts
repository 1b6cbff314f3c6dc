import type { QueueSnapshot } from '../engine/engine-snapshot.types';
import { at, MINUTE, run } from '../testing/job-outcome.fixture';
import { queueWith, ruleContext } from '../testing/rule-context.fixture';
import { evaluatePeersHealthy } from './peers-healthy.rule';

const RULE = {
  scope: 'global',
  window: 10 * MINUTE,
  maxFailingPercent: 20,
  minPeers: 5,
  errorClasses: ['site', 'unknown'],
} as const;

/** Peers with one result each at minute 55: `f` failed (unknown), `.` completed. */
function peers(pattern: string): QueueSnapshot[] {
  return [...pattern].map((ch, i) => queueWith(run(ch === 'f' ? 'u' : '.', { queue: `P${i}`, from: 55 })));
}

describe(evaluatePeersHealthy.name, () => {
  const own = run('sss', { from: 57 });

  it('fires while at most the given share of peers failed in the window', () => {
    const result = evaluatePeersHealthy(RULE, ruleContext(own, { peers: peers('f....') }));
    expect(result.fired).toBe(true);
    expect(result.counts).toEqual({ peers: 5, failingPeers: 1 });
  });

  it('does not fire when more peers fail (a central outage)', () => {
    expect(evaluatePeersHealthy(RULE, ruleContext(own, { peers: peers('ff...') })).fired).toBe(false);
  });

  it('only counts peers with a result in the window, and needs enough of them', () => {
    const result = evaluatePeersHealthy(RULE, ruleContext(own, { peers: peers('.....'), now: at(70) }));
    expect(result.counts.peers).toBe(0);
    expect(result.fired).toBe(false);
    expect(result.reason).toBe('0 peer(s) with results, needs 5');
  });
});
