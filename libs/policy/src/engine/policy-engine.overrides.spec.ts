import type { QueueDecision } from '../engine.types';
import { at, feed, HOUR, run, testPolicy } from '../testing/job-outcome.fixture';
import { PolicyEngine } from './policy-engine';

const decisionsOf = (list: readonly unknown[]): QueueDecision[] => list as QueueDecision[];
const brief = (d: QueueDecision): string => `${d.action}:${d.enforced ? 'enforced' : d.blockedBy}`;

describe(PolicyEngine.name, () => {
  describe('setOverride', () => {
    it('never undoes a manual exclusion automatically, even when the policy recovers', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.setOverride('Q1', 'exclude', at(0));
      const decisions = decisionsOf(feed(engine, run('sss.....', { from: 1 })));
      expect(decisions.map(brief)).toEqual(['exclude:manual-override', 'recover:manual-override']);
      expect(engine.queueState('Q1')).toMatchObject({ status: 'excluded', excludedBy: 'manual', override: 'exclude' });
      engine.tick(at(100 * 60));
      expect(engine.queueState('Q1')?.status).toBe('excluded');
    });

    it('keeps a manual exclusion made over a policy exclusion when the policy recovers', () => {
      const engine = new PolicyEngine(testPolicy());
      feed(engine, run('sss'));
      engine.setOverride('Q1', 'exclude', at(5));
      expect(decisionsOf(feed(engine, run('..', { from: 6 }))).map(brief)).toEqual(['recover:manual-override']);
      expect(engine.queueState('Q1')).toMatchObject({ status: 'excluded', excludedBy: 'manual' });
    });

    it('blocks exclusions while the queue is forced online', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.setOverride('Q1', 'online', at(0));
      expect(decisionsOf(feed(engine, run('sssss', { from: 1 }))).map(brief)).toEqual(['exclude:manual-override']);
      expect(engine.queueState('Q1')?.status).toBe('online');
    });

    it('puts a policy-excluded queue online and lets the policy act again after clear', () => {
      const engine = new PolicyEngine(testPolicy());
      feed(engine, run('sss'));
      engine.setOverride('Q1', 'online', at(5));
      expect(engine.queueState('Q1')).toMatchObject({ status: 'online', excludedBy: null, override: 'online' });
      // Clear hands the queue back: the exclude rule still fires, so the policy excludes at once.
      expect(decisionsOf(engine.setOverride('Q1', 'clear', at(6))).map(brief)).toEqual(['exclude:enforced']);
      expect(engine.queueState('Q1')).toMatchObject({ status: 'excluded', excludedBy: 'policy', override: null });
    });

    it('lifts a manual exclusion on clear when the policy does not hold the queue', () => {
      const engine = new PolicyEngine(testPolicy());
      feed(engine, run('..'));
      engine.setOverride('Q1', 'exclude', at(5));
      expect(engine.setOverride('Q1', 'clear', at(6))).toEqual([]);
      expect(engine.queueState('Q1')).toMatchObject({ status: 'online', excludedBy: null, override: null });
    });

    it('hands a manual exclusion to the policy on clear when the policy holds it too', () => {
      const engine = new PolicyEngine(testPolicy());
      feed(engine, run('sss'));
      engine.setOverride('Q1', 'exclude', at(5));
      engine.setOverride('Q1', 'clear', at(6));
      expect(engine.queueState('Q1')).toMatchObject({ status: 'excluded', excludedBy: 'policy' });
      expect(decisionsOf(feed(engine, run('..', { from: 7 }))).map(brief)).toEqual(['recover:enforced']);
    });

    it('expires an override on the tick', () => {
      const engine = new PolicyEngine(testPolicy());
      engine.setOverride('Q1', 'exclude', at(0), at(0) + HOUR);
      engine.tick(at(59));
      expect(engine.queueState('Q1')).toMatchObject({ override: 'exclude', overrideExpiresAt: at(60) });
      engine.tick(at(60));
      expect(engine.queueState('Q1')).toMatchObject({ status: 'online', override: null });
    });
  });

  it('only ever recovers what the policy excluded', () => {
    const engine = new PolicyEngine(testPolicy());
    engine.setOverride('Q1', 'exclude', at(0));
    const decisions = decisionsOf(feed(engine, run('.....', { from: 1 })));
    expect(decisions).toEqual([]);
    expect(engine.queueState('Q1')?.status).toBe('excluded');
  });
});
