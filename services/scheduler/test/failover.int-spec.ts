import Redis from 'ioredis';
import { redisKey } from '@anvil/db';
import { createTestBus, createTestDatabase, expectEventually, type TestBus, type TestDatabase } from '@anvil/testing';
import { SchedulerFixtures } from './scheduler-fixtures';
import { SchedulerProcess } from './scheduler-process';

interface ChainRow {
  id: string;
  template_id: string;
  state: string;
  predecessor_id: string | null;
  finished_at: Date | null;
}

const LEASE_MS = 3000;

describe('scheduler failover (two real scheduler processes)', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let redis: Redis;
  let leaseKey: string;
  const schedulers = new Map<string, SchedulerProcess>();
  const templateIds: string[] = [];
  // What the watcher saw while the schedulers ran: more than one live test for a template, lease holders.
  const violations: string[] = [];
  const holders: { at: number; holder: string | null }[] = [];
  let watching = true;
  let watcher: Promise<void> | undefined;

  const chain = async (): Promise<ChainRow[]> =>
    await db.dataSource.query<ChainRow[]>(
      `SELECT id, template_id, state, predecessor_id, finished_at FROM tests ORDER BY template_id, created_at`,
    );

  const completedPerTemplate = async (): Promise<number[]> => {
    const rows = await chain();
    return templateIds.map((t) => rows.filter((r) => r.template_id === t && r.state === 'completed').length);
  };

  const watch = async (): Promise<void> => {
    while (watching) {
      const live = await db.dataSource.query<{ template_id: string; n: number }[]>(
        `SELECT template_id, count(*)::int AS n FROM tests WHERE state IN ('scheduled', 'running')
         GROUP BY template_id HAVING count(*) > 1`,
      );
      violations.push(...live.map((l) => `${l.n} live tests for template ${l.template_id}`));
      holders.push({ at: Date.now(), holder: await redis.get(leaseKey) });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    redis = new Redis('redis://127.0.0.1:6379');
    leaseKey = redisKey(bus.namespace, 'scheduler', 'leader');
    const fixtures = new SchedulerFixtures(db.dataSource);
    await fixtures.site('S1');
    await fixtures.queue('Q1', 'S1');
    for (let i = 0; i < 2; i++) {
      templateIds.push(await fixtures.template({ robot: true, lifetimeSeconds: 2, selector: { queueIds: ['Q1'] } }));
    }
    const env = {
      ...db.env,
      ...bus.env,
      ANVIL_SCHEDULER_LEASE_MS: String(LEASE_MS),
      ANVIL_SCHEDULER_TICK_MS: '200',
    };
    for (const id of ['sched-a', 'sched-b']) {
      schedulers.set(id, SchedulerProcess.start(id, env));
    }
    watcher = watch();
  });

  afterAll(async () => {
    watching = false;
    await watcher;
    await Promise.all([...schedulers.values()].map((s) => s.stop()));
    await redis?.del(leaseKey, redisKey(bus.namespace, 'scheduler', 'leader-epoch'));
    redis?.disconnect();
    await bus?.cleanup();
    await db?.drop();
  });

  it('keeps one live test per template and a linear chain of successors, and fails over when the leader is killed', async () => {
    const describeAll = () => [...schedulers.values()].map((s) => s.describe()).join('\n\n');

    // Several robot generations with both replicas up.
    await expectEventually(async () => expect(Math.min(...(await completedPerTemplate()))).toBeGreaterThanOrEqual(3), {
      timeoutMs: 40_000,
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${describeAll()}`);
    });

    const leaderId = await redis.get(leaseKey);
    expect(['sched-a', 'sched-b']).toContain(leaderId);
    const leader = schedulers.get(leaderId!)!;
    const standby = [...schedulers.values()].find((s) => s !== leader)!;
    expect(leader.hasLogged('became leader')).toBe(true);
    expect(standby.hasLogged('became leader')).toBe(false);
    // One leader all along.
    expect(new Set(holders.map((h) => h.holder).filter((h) => h !== null))).toEqual(new Set([leaderId]));

    const before = await completedPerTemplate();
    const killedAt = Date.now();
    await leader.kill();

    await expectEventually(async () => expect(await redis.get(leaseKey)).toBe(standby.id), { timeoutMs: 30_000 });
    // The standby polls the lease at least once per tick: it takes over about one lease after the kill.
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(LEASE_MS + 10_000);
    await expectEventually(() => expect(standby.hasLogged('became leader')).toBe(true));

    // Successors keep coming under the new leader.
    await expectEventually(
      async () => {
        const after = await completedPerTemplate();
        after.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(before[i] + 2));
      },
      { timeoutMs: 30_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${standby.describe()}`);
    });

    watching = false;
    await watcher;
    expect(violations).toEqual([]);

    // Completing a test and creating its successor are two commits of one tick: retry the snapshot until both are in.
    await expectEventually(async () => {
      const rows = await chain();
      for (const templateId of templateIds) {
        const tests = rows.filter((r) => r.template_id === templateId);
        // A linear chain: the first test has no predecessor, each next one succeeds the previous one.
        expect(tests[0].predecessor_id).toBeNull();
        tests.slice(1).forEach((test, i) => expect(test.predecessor_id).toBe(tests[i].id));
        // Every finished test has exactly one successor; only the last one may be live.
        for (const finished of tests.filter((t) => t.finished_at !== null)) {
          expect(tests.filter((t) => t.predecessor_id === finished.id)).toHaveLength(1);
        }
        expect(tests.slice(0, -1).every((t) => t.state === 'completed')).toBe(true);
      }
    });

    // A graceful stop gives the lease up at once instead of letting it expire.
    expect((await standby.stop()).signal).not.toBe('SIGKILL');
    expect(standby.hasLogged('lost leadership (shutting down)')).toBe(true);
    expect(await redis.get(leaseKey)).toBeNull();
  });
});
