import type { QueueDecision } from '../engine.types';
import { at, feed, HOUR, MINUTE, run, testPolicy } from '../testing/job-outcome.fixture';
import { PolicyEngine } from './policy-engine';

const decisionsOf = (list: readonly unknown[]): QueueDecision[] => list as QueueDecision[];
const brief = (d: QueueDecision): string => `${d.queueId}:${d.action}:${d.enforced ? 'enforced' : d.blockedBy}`;

describe(PolicyEngine.name, () => {
  describe('protected queues', () => {
    it('records the detection and its end without enforcing them when the profile says protected', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.setQueue({ queueId: 'Q1', siteId: 'SITE-A', protected: true });
      expect(decisionsOf(feed(engine, run('sss..'))).map(brief)).toEqual([
        'Q1:exclude:protected',
        'Q1:recover:protected',
      ]);
      expect(engine.queueState('Q1')?.status).toBe('online');
    });

    it('protects the queues the policy lists', () => {
      const engine = new PolicyEngine(testPolicy({ guards: { protectedQueues: ['Q1'] } }));
      expect(decisionsOf(feed(engine, run('sss'))).map(brief)).toEqual(['Q1:exclude:protected']);
    });

    it('does not enforce on a queue whose auto-exclusion is off', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.setQueue({ queueId: 'Q1', siteId: 'SITE-A', autoExclusion: false });
      expect(decisionsOf(feed(engine, run('sss'))).map(brief)).toEqual(['Q1:exclude:auto-exclusion-off']);
    });

    it('excludes once the protection is lifted and the rule still fires', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.setQueue({ queueId: 'Q1', siteId: 'SITE-A', protected: true });
      feed(engine, run('sss'));
      engine.setQueue({ queueId: 'Q1', siteId: 'SITE-A', protected: false });
      expect(decisionsOf(feed(engine, run('s', { from: 5 }))).map(brief)).toEqual(['Q1:exclude:enforced']);
    });
  });

  describe('maxExcludedPercent', () => {
    const fourQueues = (engine: PolicyEngine, labels: Record<string, Record<string, string>> = {}): void => {
      for (const [queueId, siteId] of [
        ['A', 'S1'],
        ['B', 'S1'],
        ['C', 'S1'],
        ['D', 'S2'],
      ] as const) {
        engine.setQueue({ queueId, siteId, labels: labels[queueId] ?? {} });
      }
    };

    it('blocks the exclusion that would take the scope above the percent, counting after it', () => {
      // 4 queues, 50%: the 2nd exclusion makes 2/4 = 50% (allowed), the 3rd 3/4 = 75% (blocked).
      const engine = new PolicyEngine(
        testPolicy({ guards: { maxExcludedPercent: [{ scope: 'global', percent: 50 }] } }),
      );
      fourQueues(engine);
      const decisions = decisionsOf(
        ['A', 'B', 'C'].flatMap((q, i) => feed(engine, run('sss', { queue: q, from: i * 10 }))),
      );
      expect(decisions.map(brief)).toEqual([
        'A:exclude:enforced',
        'B:exclude:enforced',
        'C:exclude:max-excluded-percent',
      ]);
    });

    it('rounds nothing: 1 of 3 is 33.3%, above a 33% limit', () => {
      const engine = new PolicyEngine(testPolicy({ guards: { maxExcludedPercent: [{ scope: 'site', percent: 33 }] } }));
      fourQueues(engine);
      expect(decisionsOf(feed(engine, run('sss', { queue: 'A', site: 'S1' }))).map(brief)).toEqual([
        'A:exclude:max-excluded-percent',
      ]);
      expect(decisionsOf(feed(engine, run('sss', { queue: 'D', site: 'S2', from: 10 }))).map(brief)).toEqual([
        'D:exclude:max-excluded-percent',
      ]);
    });

    it('applies a label scope only to queues carrying the label', () => {
      const engine = new PolicyEngine(
        testPolicy({ guards: { maxExcludedPercent: [{ scope: 'label:cloud', percent: 50 }] } }),
      );
      fourQueues(engine, { A: { cloud: 'DE' }, B: { cloud: 'DE' } });
      const decisions = decisionsOf(
        ['A', 'B', 'C'].flatMap((q, i) => feed(engine, run('sss', { queue: q, from: i * 10 }))),
      );
      expect(decisions.map(brief)).toEqual([
        'A:exclude:enforced',
        'B:exclude:max-excluded-percent',
        'C:exclude:enforced',
      ]);
    });
  });

  describe('backoff', () => {
    const policy = testPolicy({ backoff: { base: '1h', multiplier: 2, max: '3h', decay: '1d' } });

    it('blocks re-exclusion for min(max, base·multiplier^(n-1)) after the n-th exclusion ends', () => {
      const engine = new PolicyEngine(policy);
      const first = decisionsOf(feed(engine, run('sss..')));
      expect(first[1]?.evidence.nextEligibleAt).toBe(at(4) + HOUR);
      const blocked = decisionsOf(feed(engine, run('sss', { from: 10 })));
      expect(blocked.map(brief)).toEqual(['Q1:exclude:backoff']);
      expect(blocked[0]?.evidence.nextEligibleAt).toBe(at(4) + HOUR);
      // Still failing when the backoff ends: the tick enforces the detection.
      expect(decisionsOf(engine.tick(at(4) + HOUR)).map(brief)).toEqual(['Q1:exclude:enforced']);
      const second = decisionsOf(feed(engine, run('..', { from: 70 })));
      expect(second[0]?.evidence).toMatchObject({ exclusionNumber: 2, nextEligibleAt: at(71) + 2 * HOUR });
    });

    it('caps the backoff at max', () => {
      const engine = new PolicyEngine(policy);
      let from = 0;
      const lastRecovery = (): QueueDecision | undefined => {
        const out = decisionsOf(feed(engine, run('sss..', { from })));
        from += 5 * 60;
        engine.tick(at(from));
        return out.find((d) => d.action === 'recover');
      };
      lastRecovery();
      lastRecovery();
      const third = lastRecovery();
      expect(third?.evidence.exclusionNumber).toBe(3);
      expect((third?.evidence.nextEligibleAt ?? 0) - (third?.time ?? 0)).toBe(3 * HOUR);
    });

    it('forgets one exclusion per decay period of good behaviour', () => {
      const engine = new PolicyEngine(policy);
      feed(engine, run('sss..'));
      engine.tick(at(4) + 25 * HOUR);
      expect(engine.queueState('Q1')?.exclusionNumber).toBe(0);
      const again = decisionsOf(feed(engine, run('sss', { from: 26 * 60 })));
      expect(again[0]?.evidence.exclusionNumber).toBe(1);
    });

    it('decays the same whether ticked often or not at all', () => {
      const often = new PolicyEngine(policy);
      const never = new PolicyEngine(policy);
      for (const engine of [often, never]) {
        feed(engine, run('sss..sss..', { every: 90 }));
      }
      for (let t = at(900); t < at(900) + 30 * HOUR; t += 10 * MINUTE) {
        often.tick(t);
      }
      const later = run('sss', { from: 900 + 30 * 60 });
      expect(feed(often, later)).toEqual(feed(never, later));
    });
  });

  describe('minExclusionGrowth', () => {
    it('makes the n-th exclusion last min(max, minExclusion·multiplier^(n-1))', () => {
      const engine = new PolicyEngine(
        testPolicy({ minExclusion: '30m', minExclusionGrowth: { multiplier: 3, max: '2h' } }),
      );
      const holds = [0, 1, 2].map((i) => {
        const [exclusion] = decisionsOf(feed(engine, run('sss', { from: i * 600 })));
        engine.tick(at(i * 600 + 300));
        feed(engine, run('..', { from: i * 600 + 301 }));
        return ((exclusion?.evidence.nextEligibleAt ?? 0) - (exclusion?.time ?? 0)) / MINUTE;
      });
      expect(holds).toEqual([30, 90, 120]);
    });
  });
});
