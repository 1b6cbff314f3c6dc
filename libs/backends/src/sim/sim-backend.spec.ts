import type { JobSpec } from '../job-spec';
import { SimBackend } from './sim-backend';
import { computeSimOutcome } from './sim-outcome';
import type { SimQueueModel } from './sim-queue-model';

const model: SimQueueModel = {
  failureProbability: 0,
  queueWaitSeconds: { kind: 'uniform', min: 2, max: 2 },
  runSeconds: { kind: 'uniform', min: 5, max: 5 },
  errorClass: 'site',
};

function spec(jobId: string, backendConfig: unknown = model): JobSpec {
  return {
    jobId,
    testId: 't1',
    queueId: 'Q1',
    backendConfig,
    workload: { command: 'true' },
    variables: { testId: 't1', queueId: 'Q1', queueName: 'Q1', siteId: 'S1', jobId, jobIndex: 0, backend: 'sim' },
  };
}

describe(SimBackend.name, () => {
  let now: number;
  let backend: SimBackend;

  beforeEach(() => {
    now = 1_000_000;
    backend = new SimBackend({ seed: 42, clock: () => now });
  });

  describe('poll', () => {
    it('moves a job from submitted to running to completed as the clock advances', async () => {
      const { backendJobId } = await backend.submit(spec('job-1'));
      expect((await backend.poll([backendJobId])).get(backendJobId)?.state).toBe('submitted');
      now += 2_500;
      const running = (await backend.poll([backendJobId])).get(backendJobId);
      expect(running).toEqual({ state: 'running', startedAt: new Date(1_002_000) });
      now += 5_000;
      const done = (await backend.poll([backendJobId])).get(backendJobId);
      expect(done).toMatchObject({
        state: 'completed',
        startedAt: new Date(1_002_000),
        finishedAt: new Date(1_007_000),
        exitCode: 0,
        wallSeconds: 5,
      });
      expect(done?.metrics?.events_per_second).toBeGreaterThan(0);
    });

    it('leaves out jobs it does not know', async () => {
      const { backendJobId } = await backend.submit(spec('job-1'));
      const statuses = await backend.poll([backendJobId, 'sim-nope']);
      expect([...statuses.keys()]).toEqual([backendJobId]);
    });

    it('reports the same final status as another backend with the same seed', async () => {
      const flaky = { ...model, failureProbability: 0.5 };
      const other = new SimBackend({ seed: 42, clock: () => now });
      const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => backend.submit(spec(`job-${i}`, flaky))));
      await Promise.all(Array.from({ length: 10 }, (_, i) => other.submit(spec(`job-${i}`, flaky))));
      now += 60_000;
      const mine = await backend.poll(ids.map((s) => s.backendJobId));
      const theirs = await other.poll(ids.map((s) => s.backendJobId));
      expect(mine).toEqual(theirs);
      expect(new Set([...mine.values()].map((s) => s.state))).toEqual(new Set(['completed', 'failed']));
    });

    it('forgets final jobs after the retention period', async () => {
      const short = new SimBackend({ seed: 1, clock: () => now, retainFinalMs: 1_000 });
      const { backendJobId } = await short.submit(spec('job-1'));
      now += 7_000 + 61_000;
      expect((await short.poll([backendJobId])).has(backendJobId)).toBe(false);
      expect(short.size).toBe(0);
    });
  });

  describe('submit', () => {
    it('submits a job once when the same job id is submitted twice', async () => {
      const a = await backend.submit(spec('job-1'));
      now += 1_000;
      const b = await backend.submit(spec('job-1'));
      expect(b).toEqual(a);
      expect(backend.size).toBe(1);
    });

    it('rejects a queue whose model is invalid, naming the queue and field', async () => {
      await expect(backend.submit(spec('job-1', { ...model, failureProbability: -1 }))).rejects.toThrow(
        'queue Q1 backendConfig.failureProbability must be within [0,1]',
      );
    });

    it('fails the job the way computeSimOutcome says', async () => {
      const flaky = { ...model, failureProbability: 0.5 };
      const { backendJobId } = await backend.submit(spec('job-7', flaky));
      now += 10_000;
      const status = (await backend.poll([backendJobId])).get(backendJobId);
      expect(status?.state).toBe(computeSimOutcome(42, 'job-7', flaky).state);
    });
  });

  describe('cancel', () => {
    it('marks a running job cancelled at the cancel time', async () => {
      const { backendJobId } = await backend.submit(spec('job-1'));
      now += 3_000;
      await backend.cancel(backendJobId);
      now += 10_000;
      expect((await backend.poll([backendJobId])).get(backendJobId)).toMatchObject({
        state: 'cancelled',
        startedAt: new Date(1_002_000),
        finishedAt: new Date(1_003_000),
        wallSeconds: 1,
      });
    });

    it('marks a waiting job cancelled without a start time', async () => {
      const { backendJobId } = await backend.submit(spec('job-1'));
      await backend.cancel(backendJobId);
      const status = (await backend.poll([backendJobId])).get(backendJobId);
      expect(status?.state).toBe('cancelled');
      expect(status?.startedAt).toBeUndefined();
    });

    it('leaves a final job as it was', async () => {
      const { backendJobId } = await backend.submit(spec('job-1'));
      now += 8_000;
      await backend.cancel(backendJobId);
      expect((await backend.poll([backendJobId])).get(backendJobId)?.state).toBe('completed');
    });

    it('ignores a job it does not know', async () => {
      await expect(backend.cancel('sim-unknown')).resolves.toBeUndefined();
    });
  });
});
