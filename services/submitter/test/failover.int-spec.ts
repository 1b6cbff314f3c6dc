import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { generateSimGrid, SimBackend } from '@anvil/backends';
import { redisKey } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { SubmitterFixtures } from './submitter-fixtures';

// Requires the built services (`npm run build`).

const SEED = 7;

/** A submitter killed with SIGKILL: its test goes to another, which adopts every job instead of losing or repeating it. */
describe('submitter failover (real processes, shared sim grid)', () => {
  const grid = generateSimGrid({ seed: SEED, sites: 2, queuesPerSite: 3, timeScale: 0.2 });
  const queueIds = grid.queues.map((q) => q.id);
  let db: TestDatabase;
  let testBus: TestBus;
  let redis: Redis;
  let sim: SimBackend;
  let ingester: ServiceProcess;
  let first: ServiceProcess;
  let second: ServiceProcess;
  let testId: string;
  let planted: { jobId: string; submittedAt: Date };

  const submitter = (id: string): ServiceProcess =>
    ServiceProcess.start(
      'submitter',
      {
        ...db.env,
        ...testBus.env,
        ANVIL_SUBMITTER_ID: id,
        ANVIL_SUBMITTER_PORT: '0',
        ANVIL_SUBMITTER_TICK_MS: '250',
        ANVIL_SUBMITTER_RECONCILE_MS: '1000',
        ANVIL_SIM_SEED: String(SEED),
      },
      id,
    );
  const rows = (): Promise<{ id: string; state: string; submitted_at: Date }[]> =>
    db.dataSource.query(`SELECT id, state, submitted_at FROM jobs WHERE test_id = $1`, [testId]);

  beforeAll(async () => {
    db = await createTestDatabase();
    testBus = await createTestBus();
    redis = new Redis('redis://127.0.0.1:6379');
    sim = new SimBackend({ seed: SEED, redis, keyPrefix: redisKey(testBus.namespace, 'sim') });
    const fixtures = new SubmitterFixtures(db.dataSource);
    await fixtures.grid(grid);
    testId = await fixtures.runningTest(
      await fixtures.template({ minQueueDepth: 2, maxRunning: 3 }),
      'sub-a',
      queueIds,
    );
    ingester = ServiceProcess.start('ingester', { ...db.env, ...testBus.env, ANVIL_INGESTER_PORT: '0' });
    first = submitter('sub-a');
  });

  afterAll(async () => {
    await Promise.allSettled([first?.stop(), second?.stop(), ingester?.stop()]);
    const keys = await redis.keys(`${testBus.namespace}:*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    await redis.quit();
    await testBus?.cleanup();
    await db?.drop();
  });

  it('hands the test over and adopts jobs whose submission was never announced', async () => {
    await expectEventually(async () => expect((await rows()).length).toBeGreaterThanOrEqual(queueIds.length * 2), {
      timeoutMs: 30_000,
    });
    await first.kill();
    // A job the dead submitter sent to the grid but never announced (killed between submit and publish).
    planted = { jobId: randomUUID(), submittedAt: new Date(Date.now() - 1000) };
    await sim.submit({
      jobId: planted.jobId,
      testId,
      queueId: queueIds[0],
      submittedAt: planted.submittedAt,
      backendConfig: grid.queues[0].backendConfig,
      workload: { command: 'sim' },
      variables: {
        testId,
        queueId: queueIds[0],
        queueName: grid.queues[0].name,
        siteId: grid.queues[0].siteId,
        jobId: planted.jobId,
        jobIndex: 99,
        backend: 'sim',
      },
    });
    // What the scheduler does when sub-a's heartbeat ages out.
    await db.dataSource.query(`UPDATE tests SET submitter_id = 'sub-b', lease_epoch = lease_epoch + 1 WHERE id = $1`, [
      testId,
    ]);
    second = submitter('sub-b');
    await expectEventually(
      () => {
        const adopted = second.logs.find(
          (l) => l.message === 'adopting jobs the backends hold but the database does not know',
        );
        expect(Number(adopted?.unannounced)).toBeGreaterThanOrEqual(1);
      },
      { timeoutMs: 30_000 },
    );
    await expectEventually(
      async () => {
        const row = (await rows()).find((r) => r.id === planted.jobId);
        expect(row?.submitted_at.getTime()).toBe(planted.submittedAt.getTime());
        expect(['completed', 'failed']).toContain(row?.state);
      },
      { timeoutMs: 60_000 },
    );
  }, 150_000);

  it('ends with every job the grid received in a final state, once, and nothing submitted twice', async () => {
    await db.dataSource.query(`UPDATE tests SET end_at = now() WHERE id = $1`, [testId]);
    await expectEventually(() => expect(second.logs.some((l) => l.message === 'keeper removed')).toBe(true), {
      timeoutMs: 30_000,
    });
    const onGrid = await sim.jobsOfTest(testId);
    await expectEventually(
      async () => {
        const stored = await rows();
        expect(stored.filter((r) => r.state === 'submitted' || r.state === 'running')).toEqual([]);
        const finals = new Map(stored.map((r) => [r.id, r.state]));
        const unfinished = onGrid.filter(
          (job) => !['completed', 'failed', 'cancelled'].includes(finals.get(job.jobId) ?? ''),
        );
        expect(unfinished).toEqual([]);
        expect(stored).toHaveLength(onGrid.length);
      },
      { timeoutMs: 60_000 },
    );
    expect(await sim.repeatedSubmissions()).toBe(0);
  }, 150_000);
});
