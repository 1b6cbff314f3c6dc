import { randomUUID } from 'node:crypto';
import { toBinary } from '@bufbuild/protobuf';
import { BUS_HEADERS, Publisher } from '@anvil/bus';
import { CONTRACTS, JobState, JobStateChangedSchema, jobStateName, type JobStateChanged } from '@anvil/contracts';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  freePort,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { BusProbe } from './bus-probe';
import { IngestProbe } from './ingest-probe';
import { IngesterProcess } from './ingester-process';
import { JobEventFactory, type TestJob } from './job-event.factory';
import { LiveCounterReader } from './live-counter-reader';

const JOBS = 1_500;
const FINALS = [JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.LOST];

// Two built ingesters on one durable consumer, sharing the work: every event counted once, in Postgres and in
// Redis, and the backwards state changes each one ignored visible on its /metrics.
describe('two ingesters on one stream', () => {
  let db: TestDatabase;
  let testBus: TestBus;
  let publisher: Publisher;
  let probe: IngestProbe;
  let busProbe: BusProbe;
  let live: LiveCounterReader;
  let ingesters: IngesterProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    testBus = await createTestBus();
    publisher = new Publisher(testBus.bus);
    probe = new IngestProbe(db.dataSource);
    busProbe = new BusProbe(testBus.bus);
    live = new LiveCounterReader(testBus.namespace);
  });

  afterAll(async () => {
    await Promise.all(ingesters.map((ingester) => ingester.stop()));
    await live?.cleanup();
    await testBus?.cleanup();
    await db?.drop();
  });

  async function settled(): Promise<void> {
    await expectEventually(() => busProbe.expectConsumerIdle(), { timeoutMs: 60_000, intervalMs: 250 }).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${ingesters.map((ingester) => ingester.describe()).join('\n---\n')}`);
      },
    );
  }

  async function publish(events: readonly JobStateChanged[]): Promise<void> {
    for (let i = 0; i < events.length; i += 200) {
      await Promise.all(events.slice(i, i + 200).map((event) => publisher.publish(CONTRACTS.jobStateChanged, event)));
    }
  }

  async function summed(counter: string): Promise<number[]> {
    return Promise.all(ingesters.map(async (ingester) => (await ingester.metrics())[counter] ?? NaN));
  }

  it('stores every job once and counts every event once', async () => {
    const env = { ...db.env, ...testBus.env };
    ingesters = [IngesterProcess.start(env, await freePort()), IngesterProcess.start(env, await freePort())];
    const factories = [new JobEventFactory(), new JobEventFactory()];
    const jobs: { job: TestJob; f: JobEventFactory; final: JobState }[] = Array.from({ length: JOBS }, (_, i) => {
      const f = factories[i % 2];
      return { job: f.job(`Q${i % 11}`, i % 240), f, final: FINALS[i % FINALS.length] };
    });

    // Each job's events in order, jobs interleaved, so both ingesters see parts of the same jobs.
    for (const state of [JobState.SUBMITTED, JobState.RUNNING]) {
      await publish(jobs.map(({ job, f }) => f.event(job, state)));
    }
    await publish(jobs.map(({ job, f, final }) => f.event(job, final)));
    await settled();
    const backwardsBefore = await summed('ingester_backwards_state_ignored_total');

    // Late runnings after the final states (a fresh Nats-Msg-Id, or JetStream would drop them as repeats): to be
    // ignored, once each, whichever ingester gets them.
    const late = jobs.filter((_, i) => i % 5 === 0);
    await Promise.all(
      late.map(({ job, f }) => {
        const event = f.event(job, JobState.RUNNING);
        return publisher.publishRaw(CONTRACTS.jobStateChanged.subject(event), toBinary(JobStateChangedSchema, event), {
          [BUS_HEADERS.msgId]: `late-${randomUUID()}`,
        });
      }),
    );
    await settled();

    const rows = await probe.jobs();
    expect(rows.size).toBe(JOBS);
    for (const { job, final } of jobs) {
      expect([job.id, rows.get(job.id)?.state]).toEqual([job.id, jobStateName(final)]);
    }
    expect(await probe.rollupStateTotals()).toEqual(await probe.stateCounts());
    expect(await probe.rollups()).toEqual(await probe.rollupsFromJobs());
    expect(await probe.dailyRollups()).toEqual(await probe.dailyRollupsFromHourly());
    for (const f of factories) {
      await expectEventually(async () =>
        expect(await live.counters(f.testId)).toEqual(await probe.expectedLiveCounters(f.testId)),
      );
    }

    // Both did part of the work, and together they received each stored message once.
    const received = await summed('ingester_events_total');
    expect(received.every((n) => n > 0)).toBe(true);
    expect(received[0] + received[1]).toBe(await busProbe.jobStreamMessages());
    const backwards = (await summed('ingester_backwards_state_ignored_total')).map((n, i) => n - backwardsBefore[i]);
    expect(backwards[0] + backwards[1]).toBe(late.length);
  });
});
