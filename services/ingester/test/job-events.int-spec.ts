import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { BUS_HEADERS, Publisher } from '@anvil/bus';
import { CONTRACTS, JobState, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';
import { createTestBus, createTestDatabase, expectEventually, type TestBus, type TestDatabase } from '@anvil/testing';
import { BusProbe } from './bus-probe';
import { IngestProbe } from './ingest-probe';
import { startIngesterApp, type IngesterUnderTest } from './ingester-app';
import { JobEventFactory } from './job-event.factory';
import { LiveCounterReader } from './live-counter-reader';

// The ingester in-process on a real bus, database and Redis: what arrives on anvil.job.> and what ends up stored.
describe('ingester job events', () => {
  let db: TestDatabase;
  let testBus: TestBus;
  let ingester: IngesterUnderTest;
  let publisher: Publisher;
  let probe: IngestProbe;
  let busProbe: BusProbe;
  let live: LiveCounterReader;

  beforeAll(async () => {
    db = await createTestDatabase();
    testBus = await createTestBus();
    ingester = await startIngesterApp(db, testBus);
    publisher = new Publisher(testBus.bus);
    probe = new IngestProbe(db.dataSource);
    busProbe = new BusProbe(testBus.bus);
    live = new LiveCounterReader(testBus.namespace);
  });

  afterAll(async () => {
    await ingester?.close();
    await live?.cleanup();
    await testBus?.cleanup();
    await db?.drop();
  });

  /** Publishes with the business key as Nats-Msg-Id (JetStream drops a repeat within its window). */
  async function publish(...events: JobStateChanged[]): Promise<void> {
    for (const event of events) {
      await publisher.publish(CONTRACTS.jobStateChanged, event);
    }
  }

  /** Publishes with a fresh Nats-Msg-Id, so the event really is stored and delivered again. */
  async function republish(event: JobStateChanged): Promise<void> {
    await publisher.publishRaw(CONTRACTS.jobStateChanged.subject(event), toBinary(JobStateChangedSchema, event), {
      [BUS_HEADERS.msgId]: `again-${randomUUID()}`,
    });
  }

  async function settled(): Promise<void> {
    await expectEventually(() => busProbe.expectConsumerIdle(), { timeoutMs: 20_000 });
  }

  async function expectLiveCountersMatchRollups(testId: string): Promise<void> {
    await expectEventually(async () =>
      expect(await live.counters(testId)).toEqual(await probe.expectedLiveCounters(testId)),
    );
  }

  it('stores a job once when its events are published twice with the same Nats-Msg-Id', async () => {
    const f = new JobEventFactory();
    const job = f.job();
    const storedBefore = await busProbe.jobStreamMessages();
    await publish(f.event(job, JobState.SUBMITTED), f.event(job, JobState.SUBMITTED));
    await publish(f.event(job, JobState.RUNNING), f.event(job, JobState.RUNNING));
    await settled();

    expect(await busProbe.jobStreamMessages()).toBe(storedBefore + 2);
    expect((await probe.jobs()).get(job.id)).toMatchObject({ state: 'running' });
    expect(await probe.rollups()).toEqual(await probe.rollupsFromJobs());
    expect(await probe.dailyRollups()).toEqual(await probe.dailyRollupsFromHourly());
    expect(await probe.expectedLiveCounters(f.testId)).toEqual({
      'Q1:running': 1,
      'Q1:total': 1,
      '*:running': 1,
      '*:total': 1,
    });
    await expectLiveCountersMatchRollups(f.testId);
  });

  it('changes nothing when events are delivered again, in the same batch or in a later one', async () => {
    const f = new JobEventFactory();
    const jobs = [f.job('Q1'), f.job('Q1'), f.job('Q2')];
    const events = jobs.flatMap((job) => [f.event(job, JobState.SUBMITTED), f.event(job, JobState.RUNNING)]);
    await publish(...events);
    await republish(events[1]);
    await settled();
    const rows = await probe.jobs();
    const rollups = await probe.rollups();
    const duplicatesBefore = ingester.metrics.value('ingester_duplicate_events_total');
    const backwardsBefore = ingester.metrics.value('ingester_backwards_state_ignored_total');

    // Latest state first, so each count is the same however the bus cuts the batches.
    const running = events.filter((event) => event.state === JobState.RUNNING);
    const submitted = events.filter((event) => event.state === JobState.SUBMITTED);
    for (const event of [...running, ...submitted]) {
      await republish(event);
    }
    await settled();

    expect(await probe.jobs()).toEqual(rows);
    expect(await probe.rollups()).toEqual(rollups);
    expect(ingester.metrics.value('ingester_duplicate_events_total') - duplicatesBefore).toBe(3);
    expect(ingester.metrics.value('ingester_backwards_state_ignored_total') - backwardsBefore).toBe(3);
    expect(await probe.expectedLiveCounters(f.testId)).toEqual({
      'Q1:running': 2,
      'Q1:total': 2,
      'Q2:running': 1,
      'Q2:total': 1,
      '*:running': 3,
      '*:total': 3,
    });
    await expectLiveCountersMatchRollups(f.testId);
  });

  it('ignores a late running after completed and counts it', async () => {
    const f = new JobEventFactory();
    const job = f.job();
    await publish(
      f.event(job, JobState.SUBMITTED),
      f.event(job, JobState.COMPLETED, { exitCode: 0, wallSeconds: 42, cpuSeconds: 40, events: 5n }),
    );
    await settled();
    const before = (await probe.jobs()).get(job.id);
    const rollups = await probe.rollups();
    const ignoredBefore = ingester.metrics.value('ingester_backwards_state_ignored_total');

    await publish(f.event(job, JobState.RUNNING));
    await settled();

    expect(before).toMatchObject({ state: 'completed', exit_code: 0, wall_seconds: 42 });
    expect(before?.finished_at).toEqual(new Date(job.submittedAt.getTime() + 120_000));
    expect((await probe.jobs()).get(job.id)).toEqual(before);
    expect(await probe.rollups()).toEqual(rollups);
    expect(ingester.metrics.value('ingester_backwards_state_ignored_total')).toBe(ignoredBefore + 1);
    await expectLiveCountersMatchRollups(f.testId);
  });

  it('dead-letters malformed messages with the reason and still stores the valid ones after them', async () => {
    const f = new JobEventFactory();
    const valid = f.job('Q1');
    const noJobId = create(JobStateChangedSchema, { ...f.event(f.job('Q1'), JobState.COMPLETED), jobId: '' });
    const notUuid = f.event({ ...f.job('Q1'), id: 'job-42' }, JobState.COMPLETED);
    await publisher.publishRaw('anvil.job.completed.Q1', Uint8Array.from([0xff, 0xff, 0xff, 0xff]), {
      [BUS_HEADERS.msgId]: 'garbage-1',
    });
    await publisher.publishRaw('anvil.job.completed.Q1', toBinary(JobStateChangedSchema, noJobId), {
      [BUS_HEADERS.msgId]: 'no-job-id-1',
    });
    await publish(notUuid, f.event(valid, JobState.SUBMITTED), f.event(valid, JobState.COMPLETED));
    await settled();

    const letters = await expectEventually(async () => {
      const found = (await busProbe.deadLetters()).filter(
        (l) => l.headers[BUS_HEADERS.dlqSubject] === 'anvil.job.completed.Q1',
      );
      expect(found).toHaveLength(3);
      return found;
    });
    const reasons = letters.map((l) => l.headers[BUS_HEADERS.dlqReason]);
    expect(reasons).toEqual([
      expect.stringMatching(/^malformed: cannot decode anvil\.v1\.JobStateChanged/),
      'malformed: job_id is required',
      'malformed: job_id must be a UUID',
    ]);
    expect(letters.every((l) => l.subject === `${testBus.namespace}.anvil.dlq.ingester`)).toBe(true);
    expect(letters[2].headers[BUS_HEADERS.dlqConsumer]).toBe('ingester-jobs');
    expect((await probe.jobs()).get(valid.id)).toMatchObject({ state: 'completed' });
    expect([...(await probe.jobs()).values()].filter((j) => j.id === 'job-42')).toEqual([]);
    await expectLiveCountersMatchRollups(f.testId);
  });

  it('keeps rollups and live counters equal to an aggregate over jobs after a mixed stream', async () => {
    const f = new JobEventFactory();
    const finals = [JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.LOST];
    const jobs = Array.from({ length: 120 }, (_, i) => ({ job: f.job(`Q${i % 5}`, (i * 13) % 240), i }));
    const byStage: JobStateChanged[][] = [[], [], [], []];
    for (const { job, i } of jobs) {
      const final = finals[i % 4];
      const stages = [JobState.SUBMITTED, JobState.RUNNING, final].slice(0, 1 + (i % 3));
      stages.forEach((state, stage) => byStage[stage].push(f.event(job, state, { wallSeconds: 1 + (i % 9) })));
      if (i % 6 === 0) {
        // A different final state, then a late running: both ignored.
        byStage[3].push(f.event(job, finals[(i + 1) % 4]), f.event(job, JobState.RUNNING));
      }
    }
    for (const stage of byStage) {
      await Promise.all(stage.map((event) => publish(event)));
      await Promise.all(stage.filter((_, k) => k % 4 === 0).map((event) => republish(event)));
    }
    await settled();

    const rows = [...(await probe.jobs()).values()].filter((row) => jobs.some(({ job }) => job.id === row.id));
    expect(rows).toHaveLength(120);
    expect(await probe.rollups()).toEqual(await probe.rollupsFromJobs());
    expect(await probe.dailyRollups()).toEqual(await probe.dailyRollupsFromHourly());
    expect(await probe.rollupStateTotals()).toEqual(await probe.stateCounts());
    await expectLiveCountersMatchRollups(f.testId);
  });
});
