import Redis from 'ioredis';
import { expectEventually, uniqueName } from '@anvil/testing';
import type { JobSpec } from '../src/job-spec';
import { CENTRAL_OUTAGE_SCENARIO } from '../src/sim/scenario/catalogue/central-outage.scenario';
import { SimBackend, type SimBackendOptions } from '../src/sim/sim-backend';
import { computeSimOutcome } from '../src/sim/sim-outcome';
import type { SimQueueModel } from '../src/sim/sim-queue-model';

const model: SimQueueModel = {
  failureProbability: 0,
  queueWaitSeconds: { kind: 'uniform', min: 2, max: 2 },
  runSeconds: { kind: 'uniform', min: 5, max: 5 },
  errorClass: 'site',
};

function spec(jobId: string, backendConfig: unknown = model, testId = 't1'): JobSpec {
  return {
    jobId,
    testId,
    queueId: 'Q1',
    submittedAt: new Date(999_000),
    backendConfig,
    workload: { command: 'true' },
    variables: { testId, queueId: 'Q1', queueName: 'Q1', siteId: 'S1', jobId, jobIndex: 0, backend: 'sim' },
  };
}

describe(SimBackend.name, () => {
  // One namespace for the file; each test gets its own grid under it.
  const namespace = uniqueName('sim');
  let redis: Redis;
  let now: number;
  let keyPrefix: string;
  /** Two instances on the same grid, as two submitter processes have. */
  let a: SimBackend;
  let b: SimBackend;

  const backend = (options: Partial<SimBackendOptions> = {}): SimBackend =>
    new SimBackend({ seed: 42, redis, keyPrefix, clock: () => now, ...options });

  beforeAll(() => {
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 3 });
  });

  beforeEach(() => {
    now = 1_000_000;
    keyPrefix = `${namespace}:anvil:sim:${uniqueName('g')}`;
    a = backend();
    b = backend();
  });

  afterAll(async () => {
    const keys = await redis.keys(`${namespace}:*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    redis.disconnect();
  });

  describe('poll', () => {
    it('moves a job from submitted to running to completed as the clock advances', async () => {
      const { backendJobId } = await a.submit(spec('job-1'));
      expect((await a.poll([backendJobId])).get(backendJobId)?.state).toBe('submitted');
      now += 2_500;
      expect((await a.poll([backendJobId])).get(backendJobId)).toEqual({
        state: 'running',
        startedAt: new Date(1_002_000),
      });
      now += 5_000;
      const done = (await a.poll([backendJobId])).get(backendJobId);
      expect(done).toMatchObject({ state: 'completed', finishedAt: new Date(1_007_000), exitCode: 0, wallSeconds: 5 });
      expect(done?.metrics?.events_per_second).toBeGreaterThan(0);
    });

    it('shows another instance exactly what was submitted on the first, and leaves out unknown ids', async () => {
      const flaky = { ...model, failureProbability: 0.5 };
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => a.submit(spec(`job-${i}`, flaky))));
      now += 60_000;
      const backendJobIds = ids.map((s) => s.backendJobId);
      const mine = await a.poll(backendJobIds);
      const theirs = await b.poll([...backendJobIds, 'sim-nope']);
      expect(theirs).toEqual(mine);
      expect(theirs.size).toBe(20);
      expect(new Set([...theirs.values()].map((s) => s.state))).toEqual(new Set(['completed', 'failed']));
      expect(theirs.get('sim-job-7')?.state).toBe(computeSimOutcome(42, 'job-7', flaky).state);
    });

    it('answers a poll of 1,000 jobs', async () => {
      const ids = await Promise.all(Array.from({ length: 1000 }, (_, i) => a.submit(spec(`bulk-${i}`))));
      now += 3_000;
      const statuses = await b.poll(ids.map((s) => s.backendJobId));
      expect(statuses.size).toBe(1000);
      expect([...statuses.values()].every((s) => s.state === 'running')).toBe(true);
    });
  });

  describe('submit', () => {
    it('runs a job id once and counts every repeated submission, from any instance', async () => {
      const first = await a.submit(spec('job-1'));
      now += 1_000;
      expect(await a.submit(spec('job-1', { ...model, failureProbability: 1 }))).toEqual(first);
      expect(await b.submit(spec('job-1'))).toEqual(first);
      await b.submit(spec('job-2'));
      expect(await a.repeatedSubmissions()).toBe(2);
      expect(await b.repeatedSubmissionsByJob()).toEqual(new Map([['sim-job-1', 2]]));
      now += 10_000;
      // The first submission's outcome stands (the repeat asked for a failing model).
      expect((await b.poll([first.backendJobId])).get(first.backendJobId)).toMatchObject({
        state: 'completed',
        startedAt: new Date(1_002_000),
      });
    });

    it('counts nothing when no job id was submitted twice', async () => {
      await a.submit(spec('job-1'));
      await b.submit(spec('job-2'));
      expect(await a.repeatedSubmissions()).toBe(0);
    });

    it('rejects a queue whose model is invalid, naming the queue and field', async () => {
      await expect(a.submit(spec('job-1', { ...model, failureProbability: -1 }))).rejects.toThrow(
        'queue Q1 backendConfig.failureProbability must be within [0,1]',
      );
    });
  });

  describe('cancel', () => {
    it('cancels a running job on one instance and shows it cancelled on the other', async () => {
      const { backendJobId } = await a.submit(spec('job-1'));
      now += 3_000;
      await b.cancel(backendJobId);
      now += 10_000;
      const expected = {
        state: 'cancelled',
        startedAt: new Date(1_002_000),
        finishedAt: new Date(1_003_000),
        wallSeconds: 1,
      };
      expect((await a.poll([backendJobId])).get(backendJobId)).toMatchObject(expected);
      // A second cancel later changes nothing.
      await a.cancel(backendJobId);
      expect((await b.poll([backendJobId])).get(backendJobId)).toMatchObject(expected);
    });

    it('cancels a waiting job without a start time', async () => {
      const { backendJobId } = await a.submit(spec('job-1'));
      await b.cancel(backendJobId);
      const status = (await a.poll([backendJobId])).get(backendJobId);
      expect(status?.state).toBe('cancelled');
      expect(status?.startedAt).toBeUndefined();
    });

    it('leaves a final job as it was and ignores an unknown one', async () => {
      const { backendJobId } = await a.submit(spec('job-1'));
      now += 8_000;
      await b.cancel(backendJobId);
      expect((await a.poll([backendJobId])).get(backendJobId)?.state).toBe('completed');
      await expect(b.cancel('sim-unknown')).resolves.toBeUndefined();
    });
  });

  describe('jobsOfTest', () => {
    it("lists a test's jobs from every instance with the submission time Anvil gave them", async () => {
      await a.submit(spec('job-1'));
      now += 1;
      await b.submit(spec('job-2'));
      await a.submit(spec('other', model, 't2'));
      expect(await b.jobsOfTest('t1')).toEqual([
        { jobId: 'job-1', queueId: 'Q1', backendJobId: 'sim-job-1', submittedAt: new Date(999_000) },
        { jobId: 'job-2', queueId: 'Q1', backendJobId: 'sim-job-2', submittedAt: new Date(999_000) },
      ]);
      expect(await a.jobsOfTest('nope')).toEqual([]);
    });
  });

  describe('retention', () => {
    it('forgets a final job, on every instance, retainFinalMs after its end', async () => {
      const quick: SimQueueModel = {
        ...model,
        queueWaitSeconds: { kind: 'uniform', min: 0, max: 0 },
        runSeconds: { kind: 'uniform', min: 0.05, max: 0.05 },
      };
      const real = { clock: Date.now, retainFinalMs: 200 };
      const { backendJobId } = await backend(real).submit(spec('job-1', quick));
      const other = backend(real);
      expect((await other.jobsOfTest('t1')).map((j) => j.backendJobId)).toEqual([backendJobId]);
      await expectEventually(async () => {
        expect((await other.poll([backendJobId])).has(backendJobId)).toBe(false);
        expect(await other.jobsOfTest('t1')).toEqual([]);
      });
      expect(await redis.exists(`${keyPrefix}:test:t1`)).toBe(0);
    });
  });

  describe('scenario replay', () => {
    const hit = 'CERN-PROD_UCORE';
    const replay = (startHour = 0): Partial<SimBackendOptions> => ({
      scenario: CENTRAL_OUTAGE_SCENARIO,
      timeScale: 60,
      startHour,
    });

    it('anchors hour 0 once: an instance started later replays the same scenario time', async () => {
      const first = backend(replay(29));
      const early = await first.scenarioTime();
      expect(early).toMatchObject({ scenario: 'central-outage', hour0: new Date(1_000_000 - 29 * 60_000) });
      expect(early?.hour).toBeCloseTo(29, 6);
      now += 90_000;
      const later = await backend(replay(29)).scenarioTime();
      expect(later?.hour0).toEqual(early?.hour0);
      expect(later?.hour).toBeCloseTo(30.5, 6);
      expect(await a.scenarioTime()).toBeUndefined();
    });

    it('gives a job on a queue playing a scenario queue the same outcome on every instance', async () => {
      const one = backend(replay(30));
      const two = backend(replay(30));
      const ids = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).submit(spec(`s-${i}`, { scenarioQueue: hit }))),
      );
      now += 3 * 3_600_000;
      const statuses = [...(await one.poll(ids.map((s) => s.backendJobId))).values()];
      expect(await two.poll(ids.map((s) => s.backendJobId))).toEqual(await one.poll(ids.map((s) => s.backendJobId)));
      expect(statuses).toHaveLength(40);
      // Whether CERN-PROD_UCORE is among the 60 % the outage hits depends on the seed: both are plausible,
      // but every job must be final and the failures must carry an error class.
      expect(statuses.every((s) => s.state === 'completed' || (s.state === 'failed' && s.errorClass))).toBe(true);
    });

    it('fails the hit queues of a central outage with central or unknown errors during the outage', async () => {
      const one = backend({ ...replay(30), seed: 1 });
      const hitQueues = CENTRAL_OUTAGE_SCENARIO.grid.sites.flatMap((s) =>
        CENTRAL_OUTAGE_SCENARIO.grid.queueSuffixes.slice(0, s.queues).map((suffix) => `${s.id}_${suffix}`),
      );
      const ids = await Promise.all(hitQueues.map((q, i) => one.submit(spec(`c-${i}`, { scenarioQueue: q }))));
      now += 3 * 3_600_000;
      const failed = [...(await one.poll(ids.map((s) => s.backendJobId))).values()].filter((s) => s.state === 'failed');
      // 24 of the 40 queues are hit; nearly all their jobs fail, and only with central or unknown errors.
      expect(failed.length).toBeGreaterThanOrEqual(20);
      expect(failed.filter((s) => s.errorClass === 'site').length).toBeLessThanOrEqual(2);
    });
  });
});
