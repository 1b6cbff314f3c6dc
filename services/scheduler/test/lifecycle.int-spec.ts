import { timestampDate } from '@bufbuild/protobuf/wkt';
import Redis from 'ioredis';
import { CONTRACTS, TestKind } from '@anvil/contracts';
import { redisKey } from '@anvil/db';
import { createTestBus, createTestDatabase, expectEventually, type TestBus, type TestDatabase } from '@anvil/testing';
import { SchedulerFixtures } from './scheduler-fixtures';
import { SchedulerProcess } from './scheduler-process';
import { recordStream, type StreamRecorder } from './stream-recorder';

interface TestRowView {
  id: string;
  state: string;
  predecessor_id: string | null;
  submitter_id: string | null;
  lease_epoch: string;
  start_at: Date;
  end_at: Date;
  finished_at: Date | null;
}

describe('scheduler lifecycle (one real scheduler process)', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let redis: Redis;
  let events: StreamRecorder;
  let scheduler: SchedulerProcess | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let beating = 'sub-a';
  let templateId: string;

  const tests = async (): Promise<TestRowView[]> =>
    await db.dataSource.query<TestRowView[]>(
      `SELECT id, state, predecessor_id, submitter_id, lease_epoch, start_at, end_at, finished_at
       FROM tests WHERE template_id = $1 ORDER BY created_at`,
      [templateId],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    redis = new Redis('redis://127.0.0.1:6379');
    events = await recordStream(bus.bus, 'TESTS', 'anvil.test.>');
    const fixtures = new SchedulerFixtures(db.dataSource);
    await fixtures.site('S1');
    await fixtures.site('S2');
    await fixtures.queue('Q1', 'S1', { labels: { cloud: 'DE' }, backend: 'sim' });
    await fixtures.queue('Q2', 'S1', { labels: { cloud: 'DE' }, backend: 'slurm' });
    await fixtures.queue('Q3', 'S2', { labels: { cloud: 'FR' }, backend: 'sim' });
    await fixtures.queue('Q4', 'S2', { labels: { cloud: 'DE' }, backend: 'sim', status: 'offline' });
    await fixtures.queue('Q5', 'S2', { labels: { cloud: 'DE', tier: '2' }, backend: 'sim', status: 'excluded' });
    templateId = await fixtures.template({
      kind: 'functional',
      robot: true,
      lifetimeSeconds: 3,
      selector: { queueIds: ['Q3'], labels: { cloud: 'DE' }, backend: 'sim' },
    });
    // An inactive robot template and a stress template: the robot leaves both alone.
    await fixtures.template({ robot: true, lifetimeSeconds: 3, active: false, selector: { queueIds: ['Q1'] } });
    await fixtures.template({ kind: 'stress', robot: false, lifetimeSeconds: 3, selector: { queueIds: ['Q1'] } });
    // A live submitter, as the submitters write it: the sorted set of heartbeats.
    const beat = () => void redis.zadd(redisKey(bus.namespace, 'submitters'), Date.now(), beating);
    beat();
    heartbeat = setInterval(beat, 300);
    scheduler = SchedulerProcess.start('sched-lifecycle', {
      ...db.env,
      ...bus.env,
      ANVIL_SCHEDULER_LEASE_MS: '3000',
      ANVIL_SCHEDULER_TICK_MS: '200',
      ANVIL_SUBMITTER_DEAD_MS: '1500',
    });
  });

  afterAll(async () => {
    clearInterval(heartbeat);
    await scheduler?.stop();
    await events?.stop();
    await redis?.del(redisKey(bus.namespace, 'submitters'), redisKey(bus.namespace, 'scheduler', 'leader'));
    redis?.disconnect();
    await bus?.cleanup();
    await db?.drop();
  });

  it('runs a robot test on the selected queues, assigns it to the live submitter and announces it', async () => {
    const first = await expectEventually(
      async () => {
        const [test] = await tests();
        expect(test).toMatchObject({ state: 'running', submitter_id: 'sub-a', lease_epoch: '1', predecessor_id: null });
        return test;
      },
      { timeoutMs: 20_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${scheduler?.describe()}`);
    });
    // ±10% around the 3-s lifetime.
    const lifetimeMs = first.end_at.getTime() - first.start_at.getTime();
    expect(lifetimeMs).toBeGreaterThanOrEqual(2700);
    expect(lifetimeMs).toBeLessThanOrEqual(3300);
    // Explicit Q3, plus every sim queue labelled cloud=DE that is not offline (Q5 is excluded: still tested).
    const queues = await db.dataSource.query<{ queue_id: string }[]>(
      `SELECT queue_id FROM test_queues WHERE test_id = $1 ORDER BY queue_id`,
      [first.id],
    );
    expect(queues.map((q) => q.queue_id)).toEqual(['Q1', 'Q3', 'Q5']);

    await expectEventually(() => {
      expect(events.of(CONTRACTS.testScheduled).map((m) => m.testId)).toContain(first.id);
      expect(events.of(CONTRACTS.testStarted).find((m) => m.testId === first.id)?.submitterId).toBe('sub-a');
      const assigned = events.messages.find((m) => m.subject === 'anvil.test.assigned.sub-a');
      expect(assigned).toBeDefined();
    });
    const assigned = events.of(CONTRACTS.testAssigned).find((m) => m.testId === first.id)!;
    expect(assigned.submitterId).toBe('sub-a');
    expect(assigned.leaseEpoch).toBe(1n);
    expect(assigned.kind).toBe(TestKind.FUNCTIONAL);
    expect(timestampDate(assigned.endAt!).getTime()).toBe(first.end_at.getTime());
    expect(assigned.profile).toMatchObject({ minQueueDepth: 1, maxRunning: 2, totalJobs: 0 });
    expect(assigned.queues.map((q) => [q.queueId, q.siteId, q.backend])).toEqual([
      ['Q1', 'S1', 'sim'],
      ['Q3', 'S2', 'sim'],
      ['Q5', 'S2', 'sim'],
    ]);
    expect(JSON.parse(assigned.queues[0].backendConfigJson)).toEqual({ model: 'healthy' });
    expect(JSON.parse(assigned.workloadJson)).toEqual({ command: 'echo ok' });
  });

  it('completes the test at its end and creates exactly one successor that points to it', async () => {
    const [first] = await tests();
    await expectEventually(
      async () => {
        const all = await tests();
        expect(all[0]).toMatchObject({ id: first.id, state: 'completed' });
        expect(all.filter((t) => t.predecessor_id === first.id)).toHaveLength(1);
        expect(all[1]).toMatchObject({ predecessor_id: first.id, state: 'running' });
      },
      { timeoutMs: 15_000 },
    );
    const [completed] = await tests();
    expect(completed.finished_at!.getTime()).toBeGreaterThanOrEqual(completed.end_at.getTime());
    await expectEventually(() => {
      const finished = events.of(CONTRACTS.testFinished).filter((m) => m.testId === first.id);
      expect(finished).toHaveLength(1);
      expect(finished[0].state).toBe('completed');
    });
    // Only the active functional robot template got tests.
    const others = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tests WHERE template_id <> $1`,
      [templateId],
    );
    expect(others[0].n).toBe(0);
  });

  it('reassigns a running test when its submitter stops heartbeating', async () => {
    beating = 'sub-b';
    const reassigned = await expectEventually(
      async () => {
        const running = (await tests()).find((t) => t.state === 'running');
        // Epoch 2: first given to sub-a, then taken back from it once it was dead.
        expect(running).toMatchObject({ submitter_id: 'sub-b', lease_epoch: '2' });
        return running!;
      },
      { timeoutMs: 15_000 },
    );
    await expectEventually(() => {
      const toB = events
        .of(CONTRACTS.testAssigned)
        .filter((m) => m.testId === reassigned.id && m.submitterId === 'sub-b');
      expect(toB).toHaveLength(1);
      expect(toB[0].leaseEpoch).toBe(BigInt(reassigned.lease_epoch));
    });
  });
});
