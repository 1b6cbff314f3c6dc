import { Publisher } from '@anvil/bus';
import { CONTRACTS } from '@anvil/contracts';
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
import { jobEvent, publishInOrder } from './job-events';
import { policyFile, TEST_POLICY } from './test-policy';

// What a policy document does to a starting decider: a dry-run one records detections and changes no status;
// an invalid one, or one conflicting with the recorded version, stops the process naming the problem.
describe('decider policies at startup', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let probe: DeciderProbe;
  let recorder: DecisionRecorder;
  let fixtures: DeciderFixtures;
  let golden: GoldenTest;
  let decider: ServiceProcess | undefined;
  const base = TEST_POLICY;

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    probe = new DeciderProbe(db.dataSource, bus.bus);
    recorder = await recordDecisions(bus.bus);
    fixtures = new DeciderFixtures(db.dataSource);
    await fixtures.queue('Q1', 'S1');
    await fixtures.queue('Q2', 'S1');
    golden = await fixtures.test(true);
  });

  afterAll(async () => {
    await decider?.stop();
    await recorder?.stop();
    await bus?.cleanup();
    await db?.drop();
  });

  it('rejects an invalid policy document at startup, naming the field, and exits non-zero', async () => {
    const path = policyFile({ ...base, name: 'broken', exclude: { any: [{ sprt: { p0: 2, p1: 0.9 } }] } });
    const invalid = startDecider({ ...db.env, ...bus.env }, { id: 'decider-invalid', policy: path });
    await expectEventually(() => expect(invalid.running).toBe(false), { timeoutMs: 30_000 });
    const exit = await invalid.stop();
    expect(exit.code).toBe(1);
    expect(invalid.describe()).toContain('exclude.any[0].sprt.p0 must be a number in (0, 1)');
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM policies WHERE name = 'broken'`);
    expect(n).toBe(0);
  });

  it('records detections of a dry-run policy (enforced = false, events published) and changes no queue status', async () => {
    const path = policyFile({ ...base, name: 'anvil-dry', enforce: false }, 'yaml');
    decider = startDecider({ ...db.env, ...bus.env }, { id: 'decider-dry', policy: path });
    const t0 = Date.now() - 3_600_000;
    const outcomes = ['completed', 'completed', 'failed', 'failed', 'failed', 'failed'] as const;
    await publishInOrder(
      new Publisher(bus.bus),
      outcomes.map((outcome, i) => jobEvent({ testId: golden.testId, queueId: 'Q1', outcome, at: t0 + i * 60_000 })),
    );

    const detection = await expectEventually(async () => {
      const decisions = await probe.decisions();
      expect(decisions).toHaveLength(1);
      return decisions[0];
    }).catch(withOutput([decider]));
    expect(detection).toMatchObject({
      queue_id: 'Q1',
      action: 'exclude',
      source: 'policy',
      policy_name: 'anvil-dry',
      policy_version: 1,
      enforced: false,
      actor: 'decider',
    });
    expect(detection.evidence).toMatchObject({ blockedBy: 'dry-run', exclusionNumber: expect.any(Number) });
    expect((detection.evidence.jobIds as string[]).length).toBeGreaterThan(0);

    const events = await expectEventually(() => {
      const excluded = recorder.of(CONTRACTS.queueExcluded);
      expect(excluded).toHaveLength(1);
      return excluded;
    });
    expect(events[0]).toMatchObject({
      decisionId: detection.id,
      queueId: 'Q1',
      enforced: false,
      policyName: 'anvil-dry',
    });
    expect(events[0].labels).toMatchObject({ site: 'S1', backend: 'sim' });
    expect(JSON.parse(events[0].evidence?.detailJson ?? '{}')).toMatchObject({ blockedBy: 'dry-run' });

    await expectEventually(() => probe.expectCaughtUp());
    expect(await fixtures.queueStatus('Q1')).toMatchObject({ status: 'online', status_source: null });
    const [policy] = await db.dataSource.query(`SELECT enforce, document FROM policies WHERE name = 'anvil-dry'`);
    expect(policy.enforce).toBe(false);
    expect(policy.document.enforce).toBe(false);
    expect((await decider.stop()).signal).not.toBe('SIGKILL');
  });

  it('refuses to start with a document that differs from the one recorded under the same name and version', async () => {
    const path = policyFile({ ...base, name: 'anvil-dry', enforce: false, minExclusion: 3_600_000 });
    const conflicting = startDecider({ ...db.env, ...bus.env }, { id: 'decider-conflict', policy: path });
    await expectEventually(() => expect(conflicting.running).toBe(false), { timeoutMs: 30_000 });
    const exit = await conflicting.stop();
    expect(exit.code).toBe(1);
    expect(conflicting.describe()).toContain(
      'policy anvil-dry version 1 is already recorded with a different document',
    );
  });
});
