import { randomUUID } from 'node:crypto';
import { toBinary } from '@bufbuild/protobuf';
import { BUS_HEADERS, Publisher } from '@anvil/bus';
import { CONTRACTS, JobState, JobStateChangedSchema, jobStateName, type JobStateChanged } from '@anvil/contracts';
import { createTestBus, createTestDatabase, expectEventually, type TestBus, type TestDatabase } from '@anvil/testing';
import { BusProbe } from './bus-probe';
import { IngestProbe } from './ingest-probe';
import { IngesterProcess } from './ingester-process';
import { JobEventFactory, type TestJob } from './job-event.factory';
import { LiveCounterReader } from './live-counter-reader';

const JOBS = 500;
const FINALS = [JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.LOST];

// The built ingester, killed with SIGKILL while it works through a few thousand events, then restarted:
// nothing lost, nothing counted twice, in Postgres and in Redis.
describe('ingester killed mid-stream', () => {
  let db: TestDatabase;
  let testBus: TestBus;
  let publisher: Publisher;
  let probe: IngestProbe;
  let busProbe: BusProbe;
  let live: LiveCounterReader;
  let ingester: IngesterProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    testBus = await createTestBus();
    publisher = new Publisher(testBus.bus);
    probe = new IngestProbe(db.dataSource);
    busProbe = new BusProbe(testBus.bus);
    live = new LiveCounterReader(testBus.namespace);
  });

  afterAll(async () => {
    await ingester?.stop();
    await live?.cleanup();
    await testBus?.cleanup();
    await db?.drop();
  });

  async function settled(): Promise<void> {
    await expectEventually(() => busProbe.expectConsumerIdle(), { timeoutMs: 60_000, intervalMs: 250 }).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\ningester output:\n${ingester?.describe()}`);
      },
    );
  }

  function start(): IngesterProcess {
    return IngesterProcess.start({ ...db.env, ...testBus.env });
  }

  /** Publishes a round concurrently; rounds are awaited one after the other, so a job's events stay in order. */
  async function publishRound(events: readonly JobStateChanged[], duplicateEvery: number): Promise<void> {
    await Promise.all(
      events.map(async (event, i) => {
        await publisher.publish(CONTRACTS.jobStateChanged, event);
        if (i % duplicateEvery === 0) {
          // Same Nats-Msg-Id: dropped by JetStream.
          await publisher.publish(CONTRACTS.jobStateChanged, event);
        }
        if (i % duplicateEvery === 1) {
          // Another Nats-Msg-Id: really delivered twice.
          await publisher.publishRaw(CONTRACTS.jobStateChanged.subject(event), toBinary(JobStateChangedSchema, event), {
            [BUS_HEADERS.msgId]: `again-${randomUUID()}`,
          });
        }
      }),
    );
  }

  it('ends with one row per job in its first final state, and rollups and Redis matching the rows', async () => {
    const factories = [new JobEventFactory(), new JobEventFactory(), new JobEventFactory()];
    const jobs: { job: TestJob; f: JobEventFactory; final: JobState }[] = Array.from({ length: JOBS }, (_, i) => {
      const f = factories[i % factories.length];
      return { job: f.job(`Q${i % 7}`, i % 200), f, final: FINALS[i % FINALS.length] };
    });
    const round = (pick: (entry: (typeof jobs)[number], i: number) => JobStateChanged | undefined) =>
      jobs.map(pick).filter((event): event is JobStateChanged => event !== undefined);

    // Everything up to the final states is in the stream before the ingester starts.
    await publishRound(
      round(({ job, f }) => f.event(job, JobState.SUBMITTED)),
      3,
    );
    await publishRound(
      round(({ job, f }) => f.event(job, JobState.RUNNING)),
      4,
    );
    await publishRound(
      round(({ job, f, final }, i) => (i % 10 === 9 ? undefined : f.event(job, final))),
      5,
    );

    ingester = start();
    await expectEventually(async () => expect((await probe.stateCounts()).running ?? 0).toBeGreaterThan(0), {
      timeoutMs: 30_000,
      intervalMs: 5,
    });
    await ingester.kill();
    const backlogAtKill = await busProbe.consumerBacklog();
    const storedAtKill = await probe.jobCount();

    // While it is down: the remaining finals, and late runnings (to be ignored).
    await publishRound(
      round(({ job, f, final }, i) => (i % 10 === 9 ? f.event(job, final) : undefined)),
      2,
    );
    await publishRound(
      round(({ job, f }, i) => (i % 8 === 4 ? f.event(job, JobState.RUNNING) : undefined)),
      3,
    );

    ingester = start();
    await settled();
    // Second, different final states, to be ignored. Only now: the batch in flight at the kill comes back after
    // the ack wait, behind newer messages, and among final states the first one applied wins.
    await publishRound(
      round(({ job, f, final }, i) =>
        i % 8 === 0 ? f.event(job, FINALS[(FINALS.indexOf(final) + 1) % 4]) : undefined,
      ),
      3,
    );
    expect(await busProbe.jobStreamMessages()).toBeGreaterThan(2_000);
    await settled();

    // The kill really happened mid-stream.
    expect(backlogAtKill + (JOBS - storedAtKill)).toBeGreaterThan(0);
    const rows = await probe.jobs();
    expect(rows.size).toBe(JOBS);
    for (const { job, final } of jobs) {
      expect([job.id, rows.get(job.id)?.state]).toEqual([job.id, jobStateName(final)]);
    }
    const stateCounts = await probe.stateCounts();
    expect(Object.values(stateCounts).reduce((a, b) => a + b, 0)).toBe(JOBS);
    expect(await probe.rollupStateTotals()).toEqual(stateCounts);
    expect(await probe.rollups()).toEqual(await probe.rollupsFromJobs());
    expect(await probe.dailyRollups()).toEqual(await probe.dailyRollupsFromHourly());
    for (const f of factories) {
      await expectEventually(async () =>
        expect(await live.counters(f.testId)).toEqual(await probe.expectedLiveCounters(f.testId)),
      );
    }
    await ingester.stop();
  });
});
