import { Logger } from '@nestjs/common';
import type { Backend, BackendJobRecord, BackendJobStatus, JobSpec, SubmittedJob } from '@anvil/backends';
import { jobStateName, type JobStateChanged } from '@anvil/contracts';
import type { KeeperTest } from './keeper-test.type';
import { TestKeeper, type KeeperDependencies } from './test-keeper';

const steady = {};

/** A batch system where every job waits 2 s, runs 5 s and completes, on the test's clock. */
class SteadyBackend implements Backend {
  readonly name = 'sim' as const;
  readonly capabilities = { cancel: true, bulkPoll: true, metrics: true, maxPollBatch: 1000 };
  private readonly jobs = new Map<string, { spec: JobSpec; submittedMs: number; cancelledMs?: number }>();

  constructor(private readonly clock: () => number) {}

  submit(spec: JobSpec): Promise<SubmittedJob> {
    this.jobs.set(`sim-${spec.jobId}`, { spec, submittedMs: this.clock() });
    return Promise.resolve({ backendJobId: `sim-${spec.jobId}` });
  }

  poll(ids: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const statuses = new Map<string, BackendJobStatus>();
    for (const id of ids) {
      const job = this.jobs.get(id);
      if (job !== undefined) {
        statuses.set(id, this.statusOf(job.submittedMs, job.cancelledMs));
      }
    }
    return Promise.resolve(statuses);
  }

  cancel(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (job !== undefined && this.statusOf(job.submittedMs, job.cancelledMs).state !== 'completed') {
      job.cancelledMs ??= this.clock();
    }
    return Promise.resolve();
  }

  jobsOfTest(testId: string): Promise<BackendJobRecord[]> {
    return Promise.resolve(
      [...this.jobs]
        .filter(([, job]) => job.spec.testId === testId)
        .map(([id, job]) => ({
          jobId: job.spec.jobId,
          queueId: job.spec.queueId,
          backendJobId: id,
          submittedAt: job.spec.submittedAt,
        })),
    );
  }

  private statusOf(submittedMs: number, cancelledMs: number | undefined): BackendJobStatus {
    const startedAt = new Date(submittedMs + 2000);
    const endMs = submittedMs + 7000;
    if (cancelledMs !== undefined) {
      return { state: 'cancelled', finishedAt: new Date(cancelledMs) };
    }
    const now = this.clock();
    if (now < startedAt.getTime()) {
      return { state: 'submitted' };
    }
    if (now < endMs) {
      return { state: 'running', startedAt };
    }
    return {
      state: 'completed',
      startedAt,
      finishedAt: new Date(endMs),
      exitCode: 0,
      wallSeconds: 5,
      metrics: { events_per_second: 10 },
    };
  }
}

const T0 = Date.parse('2030-01-01T00:00:00Z');

function makeTest(overrides: Partial<KeeperTest> = {}): KeeperTest {
  return {
    testId: '0d4c1a57-0000-4000-8000-000000000001',
    leaseEpoch: 1n,
    kind: 'functional',
    startAt: new Date(T0),
    endAt: new Date(T0 + 3_600_000),
    profile: { minQueueDepth: 2, maxRunning: 3, totalJobs: 0, resubmit: true, steps: [], ramp: 'step' },
    workload: { command: 'true' },
    queues: [
      { queueId: 'Q1', queueName: 'Q1', siteId: 'S1', backend: 'sim', backendConfig: steady, online: true },
      { queueId: 'Q2', queueName: 'Q2', siteId: 'S1', backend: 'sim', backendConfig: steady, online: true },
    ],
    ...overrides,
  };
}

describe(TestKeeper.name, () => {
  let now: number;
  let sim: SteadyBackend;
  let published: JobStateChanged[];
  let publishFails: boolean;
  let heartbeatFresh: boolean;
  let deps: KeeperDependencies;

  const states = (queueId?: string): string[] =>
    published.filter((e) => queueId === undefined || e.queueId === queueId).map((e) => jobStateName(e.state));
  const count = (state: string, queueId?: string): number => states(queueId).filter((s) => s === state).length;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    now = T0;
    sim = new SteadyBackend(() => now);
    published = [];
    publishFails = false;
    heartbeatFresh = true;
    deps = {
      submitterId: 'sub1',
      clock: () => now,
      maySubmit: () => heartbeatFresh,
      backendFor: (name) => (name === 'sim' ? sim : null),
      publish: (event) => {
        if (publishFails) {
          return Promise.reject(new Error('bus down'));
        }
        published.push(event);
        return Promise.resolve();
      },
      lostAfterMs: 10_000,
      maxSubmitPerTick: 50,
    };
  });

  describe('tick', () => {
    it('submits minQueueDepth jobs to every queue when the test starts', async () => {
      const keeper = new TestKeeper(makeTest(), deps);
      await keeper.tick();
      expect(count('submitted', 'Q1')).toBe(2);
      expect(count('submitted', 'Q2')).toBe(2);
      expect(published.every((e) => e.submitterId === 'sub1' && e.backendJobId.startsWith('sim-'))).toBe(true);
    });

    it('publishes running and final states and keeps at most maxRunning in flight when time passes', async () => {
      const keeper = new TestKeeper(makeTest(), deps);
      for (let second = 0; second < 30; second++) {
        await keeper.tick();
        expect(keeper.inFlight).toBeLessThanOrEqual(6);
        now += 1_000;
      }
      expect(count('running', 'Q1')).toBeGreaterThan(3);
      expect(count('completed', 'Q1')).toBeGreaterThan(3);
      const completed = published.find((e) => jobStateName(e.state) === 'completed');
      expect(completed?.wallSeconds).toBe(5);
      expect(completed?.metrics.events_per_second).toBeGreaterThan(0);
    });

    it('tops up freed slots in the same tick when jobs finished since the last tick', async () => {
      const keeper = new TestKeeper(makeTest(), deps);
      await keeper.tick();
      const submittedAtStart = count('submitted', 'Q1');
      now += 8_000; // both first jobs have waited 2 s and run 5 s: they are completed now
      await keeper.tick();
      expect(count('completed', 'Q1')).toBe(submittedAtStart);
      expect(count('submitted', 'Q1')).toBe(submittedAtStart + 2);
    });

    it('publishes the skipped running before the final state when polls are far apart', async () => {
      const keeper = new TestKeeper(makeTest({ queues: [makeTest().queues[0]] }), deps);
      await keeper.tick();
      now += 60_000;
      await keeper.tick();
      const first = published[0].jobId;
      expect(published.filter((e) => e.jobId === first).map((e) => jobStateName(e.state))).toEqual([
        'submitted',
        'running',
        'completed',
      ]);
      // Every event of the job carries the original submission time.
      expect(new Set(published.filter((e) => e.jobId === first).map((e) => e.submittedAt?.seconds))).toEqual(
        new Set([BigInt(T0 / 1000)]),
      );
    });

    it('keeps unpublished events in order and submits nothing more until they are published', async () => {
      const keeper = new TestKeeper(makeTest(), deps);
      publishFails = true;
      await keeper.tick();
      expect(keeper.pending).toBe(4);
      now += 10_000;
      await keeper.tick();
      // The four jobs ran and completed meanwhile; nothing new was submitted.
      expect(keeper.inFlight).toBe(0);
      expect(keeper.pending).toBe(12);
      publishFails = false;
      await keeper.tick();
      expect(states().slice(0, 12)).toEqual([
        ...['submitted', 'submitted', 'submitted', 'submitted'],
        ...['running', 'completed', 'running', 'completed', 'running', 'completed', 'running', 'completed'],
      ]);
      expect(keeper.pending).toBe(0);
      expect(count('submitted')).toBe(8);
    });

    it('stops at totalJobs per queue when the test is a stress test', async () => {
      const keeper = new TestKeeper(
        makeTest({ profile: { ...makeTest().profile, minQueueDepth: 5, maxRunning: 5, totalJobs: 7 } }),
        deps,
      );
      for (let second = 0; second < 60; second++) {
        await keeper.tick();
        now += 1_000;
      }
      expect(count('submitted', 'Q1')).toBe(7);
      expect(count('completed', 'Q1')).toBe(7);
    });

    it('skips a queue whose backend is not available when the test targets it', async () => {
      const queues = [
        ...makeTest().queues,
        { queueId: 'Q3', queueName: 'Q3', siteId: 'S2', backend: 'slurm', backendConfig: {}, online: true },
      ];
      const keeper = new TestKeeper(makeTest({ queues }), deps);
      await keeper.tick();
      expect(count('submitted', 'Q3')).toBe(0);
      expect(count('submitted')).toBe(4);
    });

    it('keeps feeding the other queues when a backend fails every command (Slurm down)', async () => {
      const down: Backend = {
        name: 'slurm',
        capabilities: { cancel: true, bulkPoll: true, metrics: true, maxPollBatch: 500 },
        submit: () => Promise.reject(new Error('sbatch: error: Unable to contact slurm controller')),
        poll: () => Promise.reject(new Error('squeue: error: Unable to contact slurm controller')),
        cancel: () => Promise.reject(new Error('scancel: error: Unable to contact slurm controller')),
        jobsOfTest: () => Promise.reject(new Error('down')),
      };
      deps = { ...deps, backendFor: (name) => (name === 'sim' ? sim : name === 'slurm' ? down : null) };
      const queues = [
        ...makeTest().queues,
        { queueId: 'Q3', queueName: 'Q3', siteId: 'S2', backend: 'slurm', backendConfig: {}, online: true },
      ];
      const keeper = new TestKeeper(makeTest({ queues }), deps, {
        jobs: [
          {
            jobId: 'j-slurm',
            queueId: 'Q3',
            backend: 'slurm',
            backendJobId: '4242',
            submittedAt: new Date(T0),
            state: 'running',
          },
        ],
        submittedTotals: new Map(),
      });
      for (let second = 0; second < 10; second++) {
        await keeper.tick();
        now += 1_000;
      }
      expect(count('submitted', 'Q3')).toBe(0);
      expect(count('completed', 'Q1')).toBeGreaterThan(0);
      // The slurm job is neither lost nor finished while Slurm cannot answer: it is retried every tick.
      expect(published.filter((e) => e.jobId === 'j-slurm')).toEqual([]);
      expect(keeper.inFlight).toBeGreaterThan(1);
    });

    it('retries a failed submission with the same job id and time when the backend may have taken it', async () => {
      const attempts: JobSpec[] = [];
      let failNext = true;
      const flaky: Backend = {
        ...sim,
        name: 'sim',
        capabilities: sim.capabilities,
        submit: (spec) => {
          attempts.push(spec);
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('sbatch: Socket timed out on send/recv operation'));
          }
          return sim.submit(spec);
        },
        poll: (ids) => sim.poll(ids),
        cancel: (id) => sim.cancel(id),
        jobsOfTest: (testId) => sim.jobsOfTest(testId),
      };
      deps = { ...deps, backendFor: (name) => (name === 'sim' ? flaky : null) };
      const keeper = new TestKeeper(makeTest({ queues: [makeTest().queues[0]] }), deps);
      await keeper.tick();
      now += 1_000;
      await keeper.tick();
      expect(attempts[1].jobId).toBe(attempts[0].jobId);
      expect(attempts[1].submittedAt).toEqual(attempts[0].submittedAt);
      const first = published.find((e) => e.jobId === attempts[0].jobId);
      expect(jobStateName(first!.state)).toBe('submitted');
      expect(new Set(attempts.map((a) => a.jobId)).size).toBe(2);
    });

    it('follows its jobs but submits none while its heartbeat is stale', async () => {
      const keeper = new TestKeeper(makeTest(), deps);
      await keeper.tick();
      expect(count('submitted')).toBe(4);
      heartbeatFresh = false;
      for (let second = 0; second < 10; second++) {
        now += 1_000;
        await keeper.tick();
      }
      expect(count('submitted')).toBe(4);
      expect(count('completed')).toBe(4);
      heartbeatFresh = true;
      await keeper.tick();
      expect(count('submitted')).toBe(8);
    });

    it('cancels, and records, a failed submission the backend took anyway when the test stops before the retry', async () => {
      const taken: Backend = {
        ...sim,
        name: 'sim',
        capabilities: sim.capabilities,
        // The backend queues the job, but the answer is lost.
        submit: async (spec) => {
          await sim.submit(spec);
          throw new Error('socket timed out');
        },
        poll: (ids) => sim.poll(ids),
        cancel: (id) => sim.cancel(id),
        jobsOfTest: (testId) => sim.jobsOfTest(testId),
      };
      deps = { ...deps, backendFor: (name) => (name === 'sim' ? taken : null) };
      const keeper = new TestKeeper(makeTest({ queues: [makeTest().queues[0]] }), deps);
      await keeper.tick();
      expect(published).toEqual([]);
      keeper.requestStop('cancelled by the operator');
      await keeper.tick();
      expect(states()).toEqual(['submitted', 'cancelled']);
      const [held] = await sim.jobsOfTest(makeTest().testId);
      expect((await sim.poll([held.backendJobId])).get(held.backendJobId)?.state).toBe('cancelled');
    });

    it('submits nothing to an offline queue', async () => {
      const queues = [{ ...makeTest().queues[0], online: false }];
      const keeper = new TestKeeper(makeTest({ queues }), deps);
      await keeper.tick();
      expect(published).toEqual([]);
    });

    it('announces and then tracks the jobs a backend held that were never announced, when adopting them', async () => {
      const test = makeTest();
      const submittedAt = new Date(T0 - 1500);
      const { backendJobId } = await sim.submit({
        jobId: '5a3c1a57-0000-4000-8000-00000000abcd',
        testId: test.testId,
        queueId: 'Q1',
        submittedAt,
        backendConfig: steady,
        workload: { command: 'true' },
        variables: {
          testId: test.testId,
          queueId: 'Q1',
          queueName: 'Q1',
          siteId: 'S1',
          jobId: 'x',
          jobIndex: 0,
          backend: 'sim',
        },
      });
      const [record] = await sim.jobsOfTest(test.testId);
      const keeper = new TestKeeper(test, deps, {
        jobs: [],
        unannounced: [{ ...record, backend: 'sim', state: 'submitted' }],
        submittedTotals: new Map([['Q1', 1]]),
      });
      await keeper.tick();
      const announced = (): string[] =>
        published.filter((e) => e.backendJobId === backendJobId).map((e) => jobStateName(e.state));
      expect(announced()).toEqual(['submitted']);
      expect(published.find((e) => e.backendJobId === backendJobId)?.submittedAt?.seconds).toBe(
        BigInt(Math.floor(submittedAt.getTime() / 1000)),
      );
      // The adopted job holds a slot: Q1 gets one new job to reach its depth of 2, Q2 two.
      expect(count('submitted', 'Q1')).toBe(2);
      expect(count('submitted', 'Q2')).toBe(2);
      now += 2_500;
      await keeper.tick();
      expect(announced()).toEqual(['submitted', 'running']);
    });

    it('declares an adopted job lost when the backend has not known it for lostAfterMs, without holding a slot', async () => {
      const adopted = {
        jobId: '11111111-1111-4111-8111-111111111111',
        queueId: 'Q1',
        backend: 'sim',
        backendJobId: 'sim-from-before-restart',
        submittedAt: new Date(T0 - 5_000),
        state: 'running' as const,
      };
      const keeper = new TestKeeper(makeTest({ queues: [makeTest().queues[0]] }), deps, {
        jobs: [adopted],
        submittedTotals: new Map([['Q1', 1]]),
      });
      await keeper.tick();
      expect(count('submitted', 'Q1')).toBe(2);
      now += 10_000;
      await keeper.tick();
      const lost = published.find((e) => e.jobId === adopted.jobId);
      expect(lost && jobStateName(lost.state)).toBe('lost');
    });
  });

  describe('requestStop', () => {
    it('cancels every job in flight and submits nothing more when asked to stop', async () => {
      const keeper = new TestKeeper(makeTest(), deps);
      await keeper.tick();
      now += 3_000;
      await keeper.tick();
      keeper.requestStop('test cancelled');
      await keeper.tick();
      expect(keeper.done).toBe(true);
      const submitted = new Set(published.filter((e) => jobStateName(e.state) === 'submitted').map((e) => e.jobId));
      const cancelled = published.filter((e) => jobStateName(e.state) === 'cancelled');
      expect(new Set(cancelled.map((e) => e.jobId))).toEqual(submitted);
      expect(cancelled[0].errorMessage).toContain('test cancelled');
      const before = published.length;
      now += 10_000;
      await keeper.tick();
      expect(published.length).toBe(before);
      // The backend saw the cancel too.
      const statuses = await sim.poll(cancelled.map((e) => e.backendJobId));
      expect([...statuses.values()].every((s) => s.state === 'cancelled')).toBe(true);
    });

    it('stops by itself when the end time passes', async () => {
      const keeper = new TestKeeper(makeTest({ endAt: new Date(T0 + 2_000) }), deps);
      await keeper.tick();
      now += 2_000;
      await keeper.tick();
      expect(keeper.done).toBe(true);
      expect(count('cancelled')).toBe(4);
    });
  });

  describe('update', () => {
    it('takes the new profile when the lease epoch is higher', async () => {
      const keeper = new TestKeeper(makeTest(), deps);
      keeper.update(makeTest({ leaseEpoch: 2n, profile: { ...makeTest().profile, minQueueDepth: 1, maxRunning: 1 } }));
      await keeper.tick();
      expect(count('submitted')).toBe(2);
      expect(keeper.leaseEpoch).toBe(2n);
    });

    it('ignores an older definition when the lease epoch is lower', () => {
      const keeper = new TestKeeper(makeTest({ leaseEpoch: 5n }), deps);
      keeper.update(makeTest({ leaseEpoch: 4n }));
      expect(keeper.leaseEpoch).toBe(5n);
    });
  });
});
