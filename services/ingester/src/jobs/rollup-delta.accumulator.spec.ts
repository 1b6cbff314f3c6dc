import type { JobUpdate } from './job-update.type';
import { RollupDeltaAccumulator } from './rollup-delta.accumulator';

const TEST = '7e0c1f00-0000-4000-8000-000000000001';

function job(id: string, state: JobUpdate['state'], submittedAt: string, extra: Partial<JobUpdate> = {}): JobUpdate {
  return {
    id,
    submittedAt: new Date(submittedAt),
    testId: TEST,
    queueId: 'Q1',
    backend: 'sim',
    backendJobId: '',
    submitterId: '',
    state,
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    errorClass: null,
    errorMessage: null,
    wallSeconds: null,
    cpuSeconds: null,
    maxRssKb: null,
    stageInSeconds: null,
    events: null,
    metrics: {},
    ...extra,
  };
}

describe(RollupDeltaAccumulator.name, () => {
  describe('added', () => {
    it('counts new jobs in the total and their state, per UTC hour of submission', () => {
      const acc = new RollupDeltaAccumulator();
      acc.added(job('a', 'submitted', '2030-01-01T10:59:59.999Z'));
      acc.added(job('b', 'running', '2030-01-01T10:00:00Z'));
      acc.added(job('c', 'submitted', '2030-01-01T11:00:00Z'));
      const deltas = acc.deltas();
      expect(deltas.map((d) => [d.hour.toISOString(), d.total, d.counts.submitted, d.counts.running])).toEqual([
        ['2030-01-01T10:00:00.000Z', 2, 1, 1],
        ['2030-01-01T11:00:00.000Z', 1, 1, 0],
      ]);
    });

    it('adds metric sums only for jobs in a final state', () => {
      const acc = new RollupDeltaAccumulator();
      acc.added(job('a', 'completed', '2030-01-01T10:00:00Z', { wallSeconds: 10, cpuSeconds: 4, events: 7n }));
      acc.added(job('b', 'failed', '2030-01-01T10:00:00Z', { wallSeconds: 2 }));
      acc.added(job('c', 'running', '2030-01-01T10:00:00Z', { wallSeconds: 100 }));
      expect(acc.deltas()[0]).toMatchObject({ total: 3, wallSeconds: 12, cpuSeconds: 4, events: 7n });
    });
  });

  describe('moved', () => {
    it('moves one job from its old state to its new one without touching the total', () => {
      const acc = new RollupDeltaAccumulator();
      acc.moved(job('a', 'completed', '2030-01-01T10:00:00Z', { wallSeconds: 3 }), 'running');
      expect(acc.deltas()[0]).toMatchObject({
        total: 0,
        counts: { submitted: 0, running: -1, completed: 1, failed: 0, cancelled: 0, lost: 0 },
        wallSeconds: 3,
      });
    });
  });

  describe('deltas', () => {
    it('sorts rows by test, queue and hour whatever the order jobs came in', () => {
      const acc = new RollupDeltaAccumulator();
      acc.added(job('a', 'submitted', '2030-01-01T12:00:00Z', { queueId: 'Q2' }));
      acc.added(job('b', 'submitted', '2030-01-01T12:00:00Z'));
      acc.added(job('c', 'submitted', '2030-01-01T11:00:00Z', { queueId: 'Q2' }));
      expect(acc.deltas().map((d) => `${d.queueId}@${d.hour.getUTCHours()}`)).toEqual(['Q1@12', 'Q2@11', 'Q2@12']);
    });
  });
});
