import type { QueueSnapshot } from '../engine/engine-snapshot.types';
import { run } from '../testing/job-outcome.fixture';
import { queueWith, ruleContext } from '../testing/rule-context.fixture';
import { evaluatePeerOutlier } from './peer-outlier.rule';

const RULE = { scope: 'global', k: 3, minGap: 0.3, minJobs: 5, minPeers: 4 };

function peers(patterns: readonly string[]): QueueSnapshot[] {
  return patterns.map((p, i) => queueWith(run(p, { queue: `P${i}` })));
}

describe(evaluatePeerOutlier.name, () => {
  it('fires for a queue far above healthy peers', () => {
    const ctx = ruleContext(run('.uuuuu'), {
      classes: ['site', 'unknown'],
      peers: peers(['......', '.....s', '......', '......']),
    });
    const result = evaluatePeerOutlier(RULE, ctx);
    expect(result.fired).toBe(true);
    expect(result.counts.peerMedian).toBe(0);
    expect(result.thresholds.limit).toBe(0.3);
  });

  it('does not fire when most peers fail too (a central outage raises the median)', () => {
    const failingPeers = peers(['uuuuu.', 'uuuu..', 'uuuuuu', '......', 'uuuuu.']);
    const result = evaluatePeerOutlier(RULE, ruleContext(run('uuuuuu'), { classes: ['unknown'], peers: failingPeers }));
    expect(result.fired).toBe(false);
    expect(result.counts.peerMedian).toBeGreaterThan(0.6);
  });

  it('widens the limit with the peers’ spread (MAD)', () => {
    const spread = peers(['......', '.s....', '.ss...', '.sss..', 'ssss..']);
    const result = evaluatePeerOutlier({ ...RULE, minGap: 0.05 }, ruleContext(run('.sss..'), { peers: spread }));
    expect(result.fired).toBe(false);
    // Peer rates 0, 1/6, 2/6, 3/6, 4/6: median 1/3, MAD 1/6, limit 1/3 + 3·1.4826/6.
    expect(result.counts.peerMedian).toBeCloseTo(1 / 3, 3);
    expect(result.counts.peerMad).toBeCloseTo(1 / 6, 3);
    expect(result.thresholds.limit).toBeCloseTo(1 / 3 + (3 * 1.4826) / 6, 3);
  });

  it('does not fire with too few peers or too few own jobs', () => {
    expect(evaluatePeerOutlier(RULE, ruleContext(run('ssssss'), { peers: peers(['......']) })).counts.peers).toBe(1);
    expect(
      evaluatePeerOutlier(RULE, ruleContext(run('ssss'), { peers: peers(['......', '......', '......', '......']) }))
        .fired,
    ).toBe(false);
  });
});
