import Redis from 'ioredis';
import { Publisher } from '@anvil/bus';
import { redisKey } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  type ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { DeciderFixtures, type GoldenTest } from './decider-fixtures';
import { DeciderProbe } from './decider-probe';
import { startDecider, withOutput } from './decider-process';
import { recordDecisions, type DecisionRecorder } from './decision-recorder';
import { eventScript } from './event-script';
import { publishInOrder } from './job-events';

const LEASE_MS = 2000;
const TICK_MS = 200;
const QUEUES = ['QA', 'QB', 'QC', 'QD', 'QE', 'QF'];

// Two replicas: one leader decides, the other stands by; each job event is decided once; killing the leader
// hands over within lease + one tick, and the new leader goes on from the committed position.
describe('decider leader and hot standby', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let redis: Redis;
  let publisher: Publisher;
  let probe: DeciderProbe;
  let recorder: DecisionRecorder;
  let golden: GoldenTest[];
  let other: GoldenTest;
  const replicas = new Map<string, ServiceProcess>();

  /** Golden final results the replica gave to its engine, from its batch logs. */
  const outcomesDecidedBy = (replica: ServiceProcess) =>
    replica.logs
      .filter((line) => line.message === 'job batch decided')
      .reduce((sum, line) => sum + Number(line.outcomes), 0);
  const script = (start: number, steps: number, firstJobStep: number, blackHole?: string) =>
    eventScript(
      { queueIds: QUEUES, goldenTestIds: golden.map((t) => t.testId), otherTestId: other.testId },
      {
        start,
        steps,
        stepMinutes: 5,
        blackHoles: new Map(blackHole === undefined ? [] : [[blackHole, { from: 2, to: steps }]]),
        centralFailures: new Set(),
        firstJobStep,
      },
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    redis = new Redis('redis://127.0.0.1:6379');
    publisher = new Publisher(bus.bus);
    probe = new DeciderProbe(db.dataSource, bus.bus);
    recorder = await recordDecisions(bus.bus);
    const fixtures = new DeciderFixtures(db.dataSource);
    for (const id of QUEUES) {
      await fixtures.queue(id, `S-${id}`);
    }
    golden = [await fixtures.test(true), await fixtures.test(true)];
    other = await fixtures.test(false);
    for (const id of ['decider-a', 'decider-b']) {
      replicas.set(id, startDecider({ ...db.env, ...bus.env }, { id, leaseMs: LEASE_MS, tickMs: TICK_MS }));
    }
  });

  afterAll(async () => {
    await Promise.all([...replicas.values()].map((r) => r.stop()));
    await redis?.del(redisKey(bus.namespace, 'decider', 'leader'), redisKey(bus.namespace, 'decider', 'leader-epoch'));
    redis?.disconnect();
    await recorder?.stop();
    await bus?.cleanup();
    await db?.drop();
  });

  it('decides each job event once on the leader only, and hands over when the leader is killed', async () => {
    const all = () => [...replicas.values()];
    const leaderId = await expectEventually(async () => {
      const holder = await redis.get(redisKey(bus.namespace, 'decider', 'leader'));
      expect(['decider-a', 'decider-b']).toContain(holder);
      return holder!;
    }).catch(withOutput(all()));
    const leader = replicas.get(leaderId)!;
    const standby = all().find((r) => r !== leader)!;

    const first = script(Date.now() - 3 * 3_600_000, 12, 0, 'QA');
    await publishInOrder(publisher, first);
    await expectEventually(() => probe.expectCaughtUp(), { timeoutMs: 30_000 }).catch(withOutput(all()));
    const goldenFinals = (steps: number) => steps * QUEUES.length * golden.length;
    await expectEventually(() => expect(outcomesDecidedBy(leader)).toBe(goldenFinals(12)));
    expect(outcomesDecidedBy(standby)).toBe(0);
    expect(standby.hasLogged('became leader')).toBe(false);
    const qaExclusion = (await probe.decisions()).filter((d) => d.queue_id === 'QA' && d.enforced);
    expect(qaExclusion.map((d) => d.action)).toEqual(['exclude']);

    const killedAt = Date.now();
    await leader.kill();
    await expectEventually(() => expect(standby.hasLogged('deciding')).toBe(true), { timeoutMs: 20_000 }).catch(
      withOutput([standby]),
    );
    // It noticed at its first lease poll after expiry: lease + one tick, plus the time to restore and start.
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + TICK_MS + 3000);

    const second = script(Date.now() - 2 * 3_600_000, 8, 100, 'QB');
    await publishInOrder(publisher, second);
    await expectEventually(() => probe.expectCaughtUp(), { timeoutMs: 30_000 }).catch(withOutput([standby]));
    await expectEventually(() => expect(outcomesDecidedBy(standby)).toBe(goldenFinals(8)));
    const qb = (await probe.decisions()).filter((d) => d.queue_id === 'QB' && d.enforced);
    expect(qb.map((d) => d.action)).toEqual(['exclude']);

    // Every decision published once.
    const decisions = await probe.decisions();
    await expectEventually(() => expect(recorder.events.length).toBe(decisions.length));
    expect(recorder.events.map((e) => e.msgId).sort()).toEqual(decisions.map((d) => d.id).sort());

    // A graceful stop gives the lease up at once.
    expect((await standby.stop()).signal).not.toBe('SIGKILL');
    expect(standby.hasLogged('lost leadership (shutting down)')).toBe(true);
    expect(await redis.get(redisKey(bus.namespace, 'decider', 'leader'))).toBeNull();
  });
});
