import type { QueueDecision } from '../engine.types';
import { at, feed, job, MINUTE, run, testPolicy } from '../testing/job-outcome.fixture';
import { PolicyEngine } from './policy-engine';

const queueDecisions = (list: readonly unknown[]): QueueDecision[] => list as QueueDecision[];

describe(PolicyEngine.name, () => {
  describe('observe', () => {
    it('excludes when the exclude rule fires, with evidence and a deterministic key', () => {
      const engine = new PolicyEngine(testPolicy({ minExclusion: '30m' }));
      const [decision, ...rest] = queueDecisions(feed(engine, run('..sss')));
      expect(rest).toEqual([]);
      expect(decision).toMatchObject({
        type: 'queue',
        action: 'exclude',
        queueId: 'Q1',
        time: at(4),
        source: 'policy',
        rule: 'consecutive-failures-3',
        enforced: true,
        key: 'Q1-exclude-1',
        evidence: {
          counts: { consecutiveFailures: 3 },
          thresholds: { count: 3 },
          exclusionNumber: 1,
          nextEligibleAt: at(4) + 30 * MINUTE,
          detail: { siteId: 'SITE-A', labels: {} },
        },
      });
      expect(decision?.evidence.jobIds).toHaveLength(3);
      expect(decision?.key).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(engine.queueState('Q1')).toEqual({
        status: 'excluded',
        excludedBy: 'policy',
        override: null,
        exclusionNumber: 1,
        nextEligibleAt: at(4) + 30 * MINUTE,
      });
    });

    it('records a detection once per episode, not on every failing job', () => {
      const engine = new PolicyEngine(testPolicy());
      expect(feed(engine, run('sssssss'))).toHaveLength(1);
    });

    it('ignores a redelivered job', () => {
      const engine = new PolicyEngine(testPolicy());
      const outcomes = run('ss');
      feed(engine, outcomes);
      expect(engine.observe(outcomes[1])).toEqual([]);
      expect(engine.observe(job({ minute: 3, result: 'site' }))).toHaveLength(1);
    });

    it('recovers when the recover rule fires and the exclude rule does not', () => {
      const engine = new PolicyEngine(testPolicy());
      const decisions = queueDecisions(feed(engine, run('sss..')));
      expect(decisions.map((d) => `${d.action}:${d.rule}:${d.key}`)).toEqual([
        'exclude:consecutive-failures-3:Q1-exclude-1',
        'recover:consecutive-successes-2:Q1-recover-2',
      ]);
      expect(decisions[1]?.evidence.exclusionNumber).toBe(1);
      expect(engine.queueState('Q1')?.status).toBe('online');
    });

    it('creates an unknown queue with defaults', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.observe(job({ queue: 'NEW', site: 'S9', minute: 0, result: 'ok' }));
      expect(engine.queueState('NEW')).toEqual({
        status: 'online',
        excludedBy: null,
        override: null,
        exclusionNumber: 0,
      });
      expect(engine.snapshotQueue('NEW')).toMatchObject({
        siteId: 'S9',
        protected: false,
        autoExclusion: true,
        labels: {},
      });
    });
  });

  describe('tick', () => {
    it('holds the exclusion for the minimum time, then recovers on the tick once eligible', () => {
      const engine = new PolicyEngine(testPolicy({ minExclusion: '1h' }));
      feed(engine, run('sss'));
      expect(feed(engine, run('...', { from: 10 }))).toEqual([]);
      expect(engine.tick(at(2) + 59 * MINUTE)).toEqual([]);
      const [recovery] = queueDecisions(engine.tick(at(2) + 60 * MINUTE));
      expect(recovery).toMatchObject({ action: 'recover', enforced: true, time: at(62) });
    });
  });

  describe('enforce: false (dry-run)', () => {
    it('records every detection as not enforced and never changes status', () => {
      const engine = new PolicyEngine(testPolicy({ enforce: false }));
      const decisions = queueDecisions(feed(engine, run('sss..sss')));
      expect(decisions.map((d) => [d.action, d.enforced, d.blockedBy])).toEqual([
        ['exclude', false, 'dry-run'],
        ['recover', false, 'dry-run'],
        ['exclude', false, 'dry-run'],
      ]);
      expect(engine.queueState('Q1')?.status).toBe('online');
      expect(decisions[2]?.evidence.exclusionNumber).toBe(2);
    });
  });

  describe('takeChangedQueueIds', () => {
    it('returns the queues changed since the last call, once', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.observe(job({ queue: 'B', minute: 0, result: 'ok' }));
      engine.observe(job({ queue: 'A', minute: 1, result: 'ok' }));
      expect(engine.takeChangedQueueIds()).toEqual(['A', 'B']);
      expect(engine.takeChangedQueueIds()).toEqual([]);
      engine.setQueue({ queueId: 'A', siteId: 'SITE-A', protected: true });
      expect(engine.takeChangedQueueIds()).toEqual(['A']);
    });
  });
});
