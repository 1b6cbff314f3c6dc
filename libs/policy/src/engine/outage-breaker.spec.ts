import type { EngineDecision, OutageDecision, QueueDecision } from '../engine.types';
import { at, job, MINUTE, testPolicy } from '../testing/job-outcome.fixture';
import { PolicyEngine } from './policy-engine';

const BREAKER = {
  window: '30m',
  openAbovePercent: 50,
  closeBelowPercent: 20,
  hold: '20m',
  minQueues: 4,
  queueMinJobs: 1,
  queueFailureRate: 0.5,
};
const QUEUES = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'];

function engine(changes: Record<string, unknown> = {}): PolicyEngine {
  const e = new PolicyEngine(
    testPolicy({ countErrorClasses: ['site', 'unknown'], guards: { breaker: BREAKER }, ...changes }),
  );
  QUEUES.forEach((q) => e.setQueue({ queueId: q, siteId: 'SITE-A' }));
  return e;
}

/** One job per queue at `minute`: the listed queues fail with `errorClass`, the others complete. */
function round(
  e: PolicyEngine,
  minute: number,
  failing: readonly string[],
  errorClass: 'site' | 'unknown' = 'unknown',
): EngineDecision[] {
  return QUEUES.flatMap((queue, i) =>
    e.observe(job({ queue, minute: minute + i * 0.1, result: failing.includes(queue) ? errorClass : 'ok' })),
  );
}

const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
const outages = (list: readonly EngineDecision[]): OutageDecision[] =>
  list.filter((d): d is OutageDecision => d.type === 'outage');
const queues = (list: readonly EngineDecision[]): QueueDecision[] =>
  list.filter((d): d is QueueDecision => d.type === 'queue');

describe('OutageBreaker (through PolicyEngine)', () => {
  it('opens one outage when more than X% of the evaluated queues fail, and freezes new exclusions', () => {
    const e = engine();
    round(e, 0, []);
    const decisions = [...round(e, 5, ['Q1', 'Q2', 'Q3', 'Q4']), ...round(e, 10, ['Q1', 'Q2', 'Q3', 'Q4'])];
    const [open, ...moreOutages] = outages(decisions);
    expect(moreOutages).toEqual([]);
    expect(open).toMatchObject({
      action: 'open',
      scope: 'global',
      rule: 'mass-failure',
      queueIds: ['Q1', 'Q2', 'Q3', 'Q4'],
      counts: { failingQueues: 4, evaluatedQueues: 6, queues: 6 },
      key: `${open?.outageId}-open`,
    });
    expect(open?.outageId).toMatch(/^outage-global-\d+$/);
    expect(e.openOutages()).toEqual([
      { outageId: open?.outageId, scope: 'global', openedAt: open?.time, queueIds: ['Q1', 'Q2', 'Q3', 'Q4'] },
    ]);
    expect(e.queueState('Q1')?.outageId).toBe(open?.outageId);
    // The 3rd failure in a row of Q1..Q4 is a detection, recorded but frozen.
    const frozen = queues([...round(e, 15, ['Q1', 'Q2', 'Q3', 'Q4']), ...round(e, 20, ['Q1', 'Q2', 'Q3', 'Q4'])]);
    expect(frozen.map((d) => `${d.queueId}:${d.action}:${d.blockedBy}`)).toEqual([
      'Q1:exclude:outage',
      'Q2:exclude:outage',
      'Q3:exclude:outage',
      'Q4:exclude:outage',
    ]);
    expect(frozen.every((d) => !d.enforced)).toBe(true);
  });

  it('does not open with fewer than the minimum of evaluated queues', () => {
    const e = engine();
    const decisions = ['Q1', 'Q2', 'Q3'].flatMap((queue) => e.observe(job({ queue, minute: 0, result: 'unknown' })));
    expect(outages(decisions)).toEqual([]);
  });

  it('on close, recovers exactly the policy exclusions of its incident window', () => {
    // A long minimum exclusion: the policy cannot recover Q1 itself before the outage closes.
    const e = engine({ minExclusion: '3h' });
    // Q6 was excluded long before the incident (a real black hole, failing all along); Q5 is manually excluded.
    for (let m = 0; m < 3; m++) {
      e.observe(job({ queue: 'Q6', minute: m, result: 'site' }));
    }
    e.setOverride('Q5', 'exclude', at(5));
    for (let m = 0; m <= 120; m += 10) {
      round(e, 60 + m, ['Q6']);
    }
    // The incident: Q1 fails first and is excluded before the breaker opens (inside the window).
    const early = queues([
      ...round(e, 200, ['Q1', 'Q6']),
      ...round(e, 205, ['Q1', 'Q6']),
      ...round(e, 210, ['Q1', 'Q2', 'Q3', 'Q4', 'Q6']),
    ]);
    expect(early.filter((d) => d.enforced).map((d) => `${d.queueId}:${d.action}`)).toContain('Q1:exclude');
    const opened = outages([...round(e, 215, ['Q1', 'Q2', 'Q3', 'Q4', 'Q6'])]);
    const outageId = e.openOutages()[0]?.outageId;
    expect(outageId).toBeDefined();
    expect(opened.length + early.length).toBeGreaterThan(0);
    // Healthy again; the breaker closes after the hold, ticked every minute.
    const after: EngineDecision[] = [];
    for (let m = 220; m <= 320; m += 5) {
      after.push(...round(e, m, ['Q6']), ...e.tick(at(m + 1)));
    }
    const close = outages(after).find((d) => d.action === 'close');
    expect(close).toMatchObject({ action: 'close', outageId, queueIds: ['Q1'], rule: 'outage-closed' });
    const recoveries = queues(after).filter((d) => d.source === 'guard' && d.enforced);
    expect(recoveries.map((d) => [d.queueId, d.rule, d.outageId])).toEqual([['Q1', 'outage-closed', outageId]]);
    expect(e.queueState('Q1')).toMatchObject({ status: 'online', exclusionNumber: 0 });
    expect(e.queueState('Q5')).toMatchObject({ status: 'excluded', excludedBy: 'manual' });
    expect(e.queueState('Q6')).toMatchObject({ status: 'excluded', excludedBy: 'policy' });
    expect(e.openOutages()).toEqual([]);
  });

  it('drops the incident window from the evidence, so the outage’s failures do not exclude later', () => {
    const e = engine();
    for (let m = 0; m <= 60; m += 10) {
      round(e, m, []);
    }
    for (let m = 70; m <= 100; m += 5) {
      round(e, m, ['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    }
    for (let m = 105; m <= 200; m += 5) {
      round(e, m, []);
      e.tick(at(m + 1));
    }
    expect(e.openOutages()).toEqual([]);
    const q1 = e.snapshotQueue('Q1');
    expect(q1?.recent.filter((r) => r.failed)).toEqual([]);
    // Opened at minute 75.3 (window start 45.3), closed at minute 140 after the 20 min hold.
    expect(q1?.recent.map((r) => (r.time - at(0)) / MINUTE)).toEqual([0, 10, 20, 30, 40, ...range(145, 200, 5)]);
  });

  it('still records detections while frozen, in dry-run too, without changing status', () => {
    const e = engine({ enforce: false });
    round(e, 0, []);
    for (let m = 5; m <= 30; m += 5) {
      round(e, m, ['Q1', 'Q2', 'Q3', 'Q4']);
    }
    const all = [...round(e, 35, ['Q1', 'Q2', 'Q3', 'Q4'])];
    expect(e.openOutages()).toHaveLength(1);
    expect(all.every((d) => d.type !== 'queue' || !d.enforced)).toBe(true);
    expect(QUEUES.every((q) => e.queueState(q)?.status === 'online')).toBe(true);
  });
});
