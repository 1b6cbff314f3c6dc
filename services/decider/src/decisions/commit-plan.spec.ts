import { emptyPlan, hasEffects, lastStatusPerQueue, type StatusRow } from './commit-plan';

const row = (queueId: string, status: 'online' | 'excluded'): StatusRow => ({
  queueId,
  status,
  source: 'policy',
  setBy: 'policy:p@1',
  since: new Date(0),
  exclusionCount: null,
  nextEligibleAt: null,
  manual: false,
});

describe('lastStatusPerQueue', () => {
  it('keeps the last change of each queue, in the order of the last changes', () => {
    const rows = [row('A', 'excluded'), row('B', 'excluded'), row('A', 'online')];
    expect(lastStatusPerQueue(rows).map((r) => [r.queueId, r.status])).toEqual([
      ['B', 'excluded'],
      ['A', 'online'],
    ]);
  });
});

describe('hasEffects', () => {
  it('is false for an empty plan and for one with only a journal row and a position', () => {
    const plan = emptyPlan();
    expect(hasEffects(plan)).toBe(false);
    plan.journal.push({ kind: 'tick', at: 1, jobsSeq: 1 });
    plan.offset = { consumer: 'c', streamSeq: 1 };
    expect(hasEffects(plan)).toBe(false);
    plan.statusChanges.push(row('A', 'online'));
    expect(hasEffects(plan)).toBe(true);
  });
});
