import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import Redis from 'ioredis';
import { BUS_HEADERS, Publisher } from '@anvil/bus';
import { CONTRACTS, requestTestId, STREAMS, TestCancelRequestedSchema, TestRequestedSchema } from '@anvil/contracts';
import { redisKey } from '@anvil/db';
import { createTestBus, createTestDatabase, expectEventually, type TestBus, type TestDatabase } from '@anvil/testing';
import { SchedulerFixtures } from './scheduler-fixtures';
import { SchedulerProcess } from './scheduler-process';
import { recordStream, type StreamRecorder } from './stream-recorder';

interface TestRowView {
  id: string;
  state: string;
  robot: boolean;
  template_version: number;
  start_at: Date;
  end_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  reason: string | null;
  created_by: string;
}

describe('scheduler commands (one real scheduler process)', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let publisher: Publisher;
  let events: StreamRecorder;
  let deadLetters: StreamRecorder;
  let scheduler: SchedulerProcess | undefined;
  let templateId: string;

  const testRow = async (id: string): Promise<TestRowView | undefined> =>
    (
      await db.dataSource.query<TestRowView[]>(
        `SELECT id, state, robot, template_version, start_at, end_at, started_at, finished_at, reason, created_by
         FROM tests WHERE id = $1`,
        [id],
      )
    )[0];

  const request = (requestId: string, template: string, startInMs: number, endInMs: number) =>
    publisher.publish(
      CONTRACTS.testRequested,
      create(TestRequestedSchema, {
        requestId,
        templateId: template,
        templateVersion: 0,
        startAt: timestampFromDate(new Date(Date.now() + startInMs)),
        endAt: timestampFromDate(new Date(Date.now() + endInMs)),
        requestedBy: 'alice',
      }),
    );

  const cancel = (testId: string) =>
    publisher.publish(
      CONTRACTS.testCancelRequested,
      create(TestCancelRequestedSchema, { testId, reason: 'operator stop', requestedBy: 'bob' }),
    );

  const dlqReasons = (): string[] =>
    deadLetters.messages.map(
      (m) =>
        Object.entries(m.headers).find(([k]) => k.toLowerCase() === BUS_HEADERS.dlqReason.toLowerCase())?.[1] ?? '',
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    publisher = new Publisher(bus.bus);
    events = await recordStream(bus.bus, 'TESTS', 'anvil.test.>');
    deadLetters = await recordStream(bus.bus, 'DLQ', 'anvil.dlq.scheduler');
    const fixtures = new SchedulerFixtures(db.dataSource);
    await fixtures.site('S1');
    await fixtures.queue('Q1', 'S1');
    await fixtures.queue('Q2', 'S1');
    templateId = await fixtures.template({
      kind: 'stress',
      robot: false,
      lifetimeSeconds: 600,
      selector: { queueIds: ['Q1', 'Q2'] },
    });
    scheduler = SchedulerProcess.start('sched-commands', {
      ...db.env,
      ...bus.env,
      ANVIL_SCHEDULER_LEASE_MS: '3000',
      ANVIL_SCHEDULER_TICK_MS: '200',
    });
    // The commands below have windows of seconds: they must not wait in the stream while the process starts.
    await expectEventually(() => expect(scheduler?.hasLogged('Nest application successfully started')).toBe(true), {
      timeoutMs: 60_000,
    });
  });

  afterAll(async () => {
    await scheduler?.stop();
    await events?.stop();
    await deadLetters?.stop();
    const redis = new Redis('redis://127.0.0.1:6379');
    await redis.del(redisKey(bus.namespace, 'scheduler', 'leader'));
    redis.disconnect();
    await bus?.cleanup();
    await db?.drop();
  });

  it('schedules a requested test that starts at its start and completes at its end', async () => {
    const requestId = `req-${randomUUID()}`;
    const testId = requestTestId(requestId);
    await request(requestId, templateId, 1500, 4000);

    const scheduled = await expectEventually(
      async () => {
        const row = await testRow(testId);
        expect(row).toMatchObject({ state: 'scheduled', robot: false, template_version: 1, created_by: 'alice' });
        return row!;
      },
      { timeoutMs: 20_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${scheduler?.describe()}`);
    });
    const queues = await db.dataSource.query<{ queue_id: string }[]>(
      `SELECT queue_id FROM test_queues WHERE test_id = $1 ORDER BY queue_id`,
      [testId],
    );
    expect(queues.map((q) => q.queue_id)).toEqual(['Q1', 'Q2']);

    // The same request again under another Nats-Msg-Id, so the bus does not deduplicate it (a gateway retry
    // after the dedupe window): the scheduler itself must find its test and create no second one.
    const again = create(TestRequestedSchema, {
      requestId,
      templateId,
      startAt: timestampFromDate(scheduled.start_at),
      endAt: timestampFromDate(scheduled.end_at),
      requestedBy: 'alice',
    });
    await publisher.publishRaw('anvil.test.requested', toBinary(TestRequestedSchema, again), {
      [BUS_HEADERS.msgId]: `${requestId}.retry`,
    });
    const stream = bus.bus.namespace.stream(STREAMS.TESTS.name);
    await expectEventually(async () => {
      const info = await bus.bus.jsm.consumers.info(stream, 'scheduler-commands');
      expect(info.ack_floor.consumer_seq).toBeGreaterThanOrEqual(2);
      expect(info.num_ack_pending).toBe(0);
    });

    const running = await expectEventually(async () => {
      const row = await testRow(testId);
      expect(row?.state).toBe('running');
      return row!;
    });
    expect(running.started_at!.getTime()).toBeGreaterThanOrEqual(scheduled.start_at.getTime());

    const completed = await expectEventually(async () => {
      const row = await testRow(testId);
      expect(row?.state).toBe('completed');
      return row!;
    });
    expect(completed.finished_at!.getTime()).toBeGreaterThanOrEqual(scheduled.end_at.getTime());

    const count = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tests WHERE template_id = $1`,
      [templateId],
    );
    expect(count[0].n).toBe(1);
    await expectEventually(() => {
      expect(events.of(CONTRACTS.testScheduled).filter((m) => m.testId === testId)).toHaveLength(1);
      expect(events.of(CONTRACTS.testStarted).filter((m) => m.testId === testId)).toHaveLength(1);
      expect(
        events
          .of(CONTRACTS.testFinished)
          .filter((m) => m.testId === testId)
          .map((m) => m.state),
      ).toEqual(['completed']);
    });
  });

  it('cancels a running test and ignores a second cancel', async () => {
    const requestId = `req-${randomUUID()}`;
    const testId = requestTestId(requestId);
    await request(requestId, templateId, 0, 60_000);
    await expectEventually(async () => expect((await testRow(testId))?.state).toBe('running'));

    await cancel(testId);
    const cancelled = await expectEventually(async () => {
      const row = await testRow(testId);
      expect(row).toMatchObject({ state: 'cancelled', reason: 'operator stop' });
      return row!;
    });
    expect(cancelled.finished_at).not.toBeNull();
    await expectEventually(() => {
      const messages = events.of(CONTRACTS.testCancelled).filter((m) => m.testId === testId);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ reason: 'operator stop', cancelledBy: 'bob' });
    });

    // Cancelling a finished test changes nothing.
    const completedId = (events.of(CONTRACTS.testFinished)[0] ?? { testId: '' }).testId;
    expect(completedId).not.toBe('');
    const dlqBefore = deadLetters.messages.length;
    await cancel(completedId);
    await expectEventually(() => expect(scheduler!.hasLogged('cancel of a finished test ignored')).toBe(true));
    expect((await testRow(completedId))?.state).toBe('completed');
    expect(deadLetters.messages.length).toBe(dlqBefore);
  });

  it('dead-letters a request for an unknown template, and one whose end is not after its start, with the reason', async () => {
    const unknownRequest = `req-${randomUUID()}`;
    await request(unknownRequest, randomUUID(), 0, 60_000);
    const emptyRequest = `req-${randomUUID()}`;
    await request(emptyRequest, templateId, 10_000, 10_000);

    await expectEventually(() => {
      const reasons = dlqReasons();
      expect(reasons.some((r) => r.includes('UNKNOWN_TEMPLATE'))).toBe(true);
      expect(reasons.some((r) => r.includes('EMPTY_WINDOW'))).toBe(true);
    });
    expect(await testRow(requestTestId(unknownRequest))).toBeUndefined();
    expect(await testRow(requestTestId(emptyRequest))).toBeUndefined();
  });
});
