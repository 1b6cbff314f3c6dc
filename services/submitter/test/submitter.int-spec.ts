import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import Redis from 'ioredis';
import { generateSimGrid } from '@anvil/backends';
import { Publisher } from '@anvil/bus';
import {
  CONTRACTS,
  jobStateName,
  jobStateRank,
  isFinalJobState,
  SubmissionProfileSchema,
  TestAssignedSchema,
  TestCancelledSchema,
  TestKind,
  type JobStateChanged,
} from '@anvil/contracts';
import { redisKey } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  ServiceProcess,
  uniqueName,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { recordJobStream, type JobStreamRecorder } from './job-stream-recorder';
import { SubmitterFixtures } from './submitter-fixtures';

// Requires the built service: `npx tsc -b services/submitter`.

const PROFILE = { minQueueDepth: 2, maxRunning: 3 };
const RECONCILE_MS = 4000;

const stateOf = (e: JobStateChanged): string => jobStateName(e.state);

function eventsByJob(events: readonly JobStateChanged[], testId: string): Map<string, JobStateChanged[]> {
  const jobs = new Map<string, JobStateChanged[]>();
  for (const e of events.filter((x) => x.testId === testId)) {
    jobs.set(e.jobId, [...(jobs.get(e.jobId) ?? []), e]);
  }
  return jobs;
}

/** Most jobs in flight (submitted, not final) at any point of the stream, per queue of the test. */
function maxInFlight(events: readonly JobStateChanged[], testId: string): Map<string, number> {
  const inFlight = new Map<string, Set<string>>();
  const max = new Map<string, number>();
  for (const e of events.filter((x) => x.testId === testId)) {
    const jobs = inFlight.get(e.queueId) ?? new Set<string>();
    inFlight.set(e.queueId, jobs);
    if (stateOf(e) === 'submitted') {
      jobs.add(e.jobId);
    } else if (isFinalJobState(jobStateName(e.state))) {
      jobs.delete(e.jobId);
    }
    max.set(e.queueId, Math.max(max.get(e.queueId) ?? 0, jobs.size));
  }
  return max;
}

describe('submitter (real process, sim backend)', () => {
  const submitterId = uniqueName('sub');
  const grid = generateSimGrid({ seed: 7, sites: 3, queuesPerSite: 2, timeScale: 0.1 });
  const queueIds = grid.queues.map((q) => q.id);
  let db: TestDatabase;
  let testBus: TestBus;
  let redis: Redis;
  let recorder: JobStreamRecorder;
  let fixtures: SubmitterFixtures;
  let submitter: ServiceProcess;
  let templateId: string;
  let reconciledTest: string;
  let assignedTest: string;

  const events = (): JobStateChanged[] => recorder.events;
  const logIndex = (message: string, testId?: string): number =>
    submitter.logs.findIndex((l) => l.message === message && (testId === undefined || l.testId === testId));
  /** Waits until the recorder holds every message the stream has. */
  const caughtUp = async (): Promise<void> => {
    await expectEventually(async () => expect(events().length).toBe(await recorder.streamCount()));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    testBus = await createTestBus();
    redis = new Redis('redis://127.0.0.1:6379');
    recorder = await recordJobStream(testBus.bus);
    fixtures = new SubmitterFixtures(db.dataSource);
    await fixtures.grid(grid);
    templateId = await fixtures.template(PROFILE);
    // Exists before the submitter starts and is never announced: only the reconciler can find it.
    reconciledTest = await fixtures.runningTest(templateId, submitterId, queueIds.slice(0, 2));
    submitter = ServiceProcess.start('submitter', {
      ...db.env,
      ...testBus.env,
      ANVIL_SUBMITTER_ID: submitterId,
      ANVIL_SUBMITTER_PORT: '0',
      ANVIL_SUBMITTER_TICK_MS: '250',
      ANVIL_SUBMITTER_RECONCILE_MS: String(RECONCILE_MS),
      ANVIL_SUBMITTER_HEARTBEAT_MS: '500',
      ANVIL_SIM_SEED: '7',
      ANVIL_LOG_LEVEL: 'debug',
    });
  });

  afterAll(async () => {
    await submitter?.stop();
    await recorder?.stop();
    await redis?.quit();
    await testBus?.cleanup();
    await db?.drop();
  });

  it('heartbeats in the submitters set while it runs', async () => {
    await expectEventually(
      async () => {
        expect(submitter.running).toBe(true);
        const score = await redis.zscore(redisKey(testBus.namespace, 'submitters'), submitterId);
        expect(Date.now() - Number(score)).toBeLessThan(3_000);
      },
      { timeoutMs: 30_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${submitter.describe()}`);
    });
  });

  it('starts a keeper for an owned running test found by the reconciler', async () => {
    await expectEventually(() => {
      const line = submitter.logs.find((l) => l.message === 'keeper started' && l.testId === reconciledTest);
      expect(line?.source).toBe('reconciler');
    });
  });

  it('starts a keeper when the test is assigned, without waiting for the reconciler', async () => {
    // Right after a reconciliation pass, the next one is RECONCILE_MS away: a start before then is the event's.
    const passes = submitter.logs.filter((l) => l.message === 'reconciled').length;
    await expectEventually(
      () => expect(submitter.logs.filter((l) => l.message === 'reconciled').length).toBeGreaterThan(passes),
      {
        timeoutMs: RECONCILE_MS * 3,
      },
    );
    assignedTest = await fixtures.runningTest(templateId, submitterId, queueIds);
    await new Publisher(testBus.bus).publish(
      CONTRACTS.testAssigned,
      create(TestAssignedSchema, {
        testId: assignedTest,
        submitterId,
        leaseEpoch: 1n,
        kind: TestKind.FUNCTIONAL,
        endAt: timestampFromDate(new Date(Date.now() + 3_600_000)),
        profile: create(SubmissionProfileSchema, PROFILE),
        queues: [],
        workloadJson: JSON.stringify({ command: 'echo ok' }),
      }),
    );
    await expectEventually(
      () => {
        const line = submitter.logs.find((l) => l.message === 'keeper started' && l.testId === assignedTest);
        expect(line?.source).toBe('assignment');
      },
      { timeoutMs: RECONCILE_MS - 500 },
    );
  });

  it('brings every queue to minQueueDepth submitted jobs', async () => {
    await expectEventually(() => {
      for (const queueId of queueIds) {
        const submitted = events().filter(
          (e) => e.testId === assignedTest && e.queueId === queueId && stateOf(e) === 'submitted',
        );
        expect({ queueId, enough: submitted.length >= PROFILE.minQueueDepth }).toEqual({ queueId, enough: true });
      }
    });
  });

  it('moves jobs to final states on every queue, with completions and (black hole) failures', async () => {
    await expectEventually(
      () => {
        const finals = events().filter((e) => e.testId === assignedTest && isFinalJobState(jobStateName(e.state)));
        expect(new Set(finals.map((e) => e.queueId))).toEqual(new Set(queueIds));
        expect(finals.some((e) => stateOf(e) === 'completed')).toBe(true);
        expect(finals.some((e) => stateOf(e) === 'failed')).toBe(true);
      },
      { timeoutMs: 40_000 },
    );
    const completed = events().find((e) => e.testId === assignedTest && stateOf(e) === 'completed')!;
    expect(completed.exitCode).toBe(0);
    expect(completed.wallSeconds).toBeGreaterThan(0);
    expect(completed.metrics.events_per_second).toBeGreaterThan(0);
    const blackHole = grid.queues.find((q) => q.labels.sim_profile === 'black-hole')!;
    const failed = events().find((e) => e.queueId === blackHole.id && stateOf(e) === 'failed')!;
    expect(failed.errorMessage).not.toBe('');
    expect(failed.exitCode).not.toBe(0);
  });

  it('never has more than maxRunning jobs in flight per queue', async () => {
    await caughtUp();
    const max = maxInFlight(events(), assignedTest);
    expect(max.size).toBe(queueIds.length);
    for (const [queueId, n] of max) {
      expect({ queueId, n: n <= PROFILE.maxRunning }).toEqual({ queueId, n: true });
    }
  });

  it('publishes monotonic events per job, each carrying the original submission time', async () => {
    await caughtUp();
    const jobs = eventsByJob(events(), assignedTest);
    expect(jobs.size).toBeGreaterThan(queueIds.length);
    for (const [jobId, list] of jobs) {
      expect({ jobId, first: stateOf(list[0]) }).toEqual({ jobId, first: 'submitted' });
      const ranks = list.map((e) => jobStateRank(jobStateName(e.state)));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(ranks).size).toBe(ranks.length);
      expect(new Set(list.map((e) => timestampDate(e.submittedAt!).getTime())).size).toBe(1);
      expect(new Set(list.map((e) => e.backendJobId)).size).toBe(1);
      expect(list.every((e) => e.submitterId === submitterId && e.backend === 'sim')).toBe(true);
      const times = list.map((e) => timestampDate(e.occurredAt!).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('cancels the jobs in flight and submits no more when the test is cancelled', async () => {
    // As the scheduler does: the database first, then the event.
    await db.dataSource.query(`UPDATE tests SET state = 'cancelled', finished_at = now() WHERE id = $1`, [
      assignedTest,
    ]);
    await new Publisher(testBus.bus).publish(
      CONTRACTS.testCancelled,
      create(TestCancelledSchema, {
        testId: assignedTest,
        cancelledAt: timestampFromDate(new Date()),
        reason: 'integration test',
        cancelledBy: 'tester',
      }),
    );
    await expectEventually(() => expect(logIndex('keeper removed', assignedTest)).toBeGreaterThanOrEqual(0));
    // One more reconciliation pass must not bring the keeper back.
    const removedAt = logIndex('keeper removed', assignedTest);
    await expectEventually(
      () => expect(submitter.logs.slice(removedAt).some((l) => l.message === 'reconciled')).toBe(true),
      {
        timeoutMs: RECONCILE_MS * 3,
      },
    );
    await caughtUp();
    const all = events().filter((e) => e.testId === assignedTest);
    const firstCancel = all.findIndex((e) => stateOf(e) === 'cancelled');
    expect(firstCancel).toBeGreaterThanOrEqual(0);
    expect(all.slice(firstCancel).filter((e) => stateOf(e) === 'submitted')).toEqual([]);
    expect(all[firstCancel].errorMessage).toContain('integration test');
    for (const [jobId, list] of eventsByJob(events(), assignedTest)) {
      expect({ jobId, final: isFinalJobState(jobStateName(list[list.length - 1].state)) }).toEqual({
        jobId,
        final: true,
      });
    }
    expect(submitter.logs.filter((l) => l.message === 'keeper started' && l.testId === assignedTest)).toHaveLength(1);
  });

  it('stops the keeper of a test reassigned to another submitter, leaving its jobs to the new owner', async () => {
    await caughtUp();
    const before = eventsByJob(events(), reconciledTest);
    const inFlight = [...before.values()].filter((list) => !isFinalJobState(jobStateName(list[list.length - 1].state)));
    expect(inFlight.length).toBeGreaterThan(0);
    await db.dataSource.query(`UPDATE tests SET submitter_id = 'someone-else', lease_epoch = 2 WHERE id = $1`, [
      reconciledTest,
    ]);
    await expectEventually(() => expect(logIndex('keeper removed', reconciledTest)).toBeGreaterThanOrEqual(0), {
      timeoutMs: RECONCILE_MS * 3,
    });
    expect(submitter.logs.find((l) => l.message === 'keeper stopping' && l.testId === reconciledTest)?.reason).toBe(
      'the test was given to another submitter',
    );
    await caughtUp();
    // No job of the test was cancelled: the new owner adopts them.
    const after = eventsByJob(events(), reconciledTest);
    expect([...after.values()].flat().filter((e) => stateOf(e) === 'cancelled')).toEqual([]);
  });

  it('leaves the submitters set when stopped gracefully', async () => {
    const exit = await submitter.stop();
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(await redis.zscore(redisKey(testBus.namespace, 'submitters'), submitterId)).toBeNull();
  });
});
