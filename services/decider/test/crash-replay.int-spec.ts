import { Publisher } from '@anvil/bus';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  type ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { DeciderFixtures } from './decider-fixtures';
import { DeciderProbe, type DecisionRow } from './decider-probe';
import { startDecider, withOutput } from './decider-process';
import { recordDecisions, type DecisionRecorder } from './decision-recorder';
import { eventScript } from './event-script';
import { publishInOrder } from './job-events';

interface World {
  db: TestDatabase;
  bus: TestBus;
  probe: DeciderProbe;
  recorder: DecisionRecorder;
  fixtures: DeciderFixtures;
}

const QUEUES = Array.from({ length: 24 }, (_, i) => `Q${String(i).padStart(2, '0')}`);
// Per step the healthy queues come first: the breaker's view then grows the same way in both runs.
const ORDER = [...QUEUES.slice(4), ...QUEUES.slice(0, 4)];
const BLACK_HOLES = new Map([
  ['Q00', { from: 5, to: 15 }],
  ['Q01', { from: 8, to: 20 }],
  ['Q02', { from: 20, to: 26 }],
]);

async function world(): Promise<World> {
  const db = await createTestDatabase();
  const bus = await createTestBus();
  const fixtures = new DeciderFixtures(db.dataSource);
  for (const [i, id] of QUEUES.entries()) {
    await fixtures.queue(id, `S${i % 6}`, { labels: { vo: i % 2 === 0 ? 'atlas' : 'cms' } });
  }
  return {
    db,
    bus,
    probe: new DeciderProbe(db.dataSource, bus.bus),
    recorder: await recordDecisions(bus.bus),
    fixtures,
  };
}

/** What must be equal between the two runs (ids are deterministic, so they are compared too). */
function comparable(rows: readonly DecisionRow[]) {
  return rows.map((r) => ({ ...r, decided_at: r.decided_at.toISOString() }));
}

// The same job event stream through two deciders: one runs through, one is killed with SIGKILL in the middle
// and restarted. Decisions, queue status and published events must be the same, and nothing twice.
describe('decider killed mid-run', () => {
  let through: World;
  let crashed: World;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    [through, crashed] = await Promise.all([world(), world()]);
    // Same templates and tests (ids) in both schemas, so the streams are byte for byte the same.
    const golden = [await through.fixtures.test(true), await through.fixtures.test(true)];
    const other = await through.fixtures.test(false);
    for (const t of [...golden, other]) {
      await crashed.db.dataSource.query(
        `INSERT INTO templates SELECT * FROM "${through.db.options.schema}".templates WHERE id = $1`,
        [t.templateId],
      );
      await crashed.db.dataSource.query(
        `INSERT INTO template_versions SELECT * FROM "${through.db.options.schema}".template_versions
         WHERE template_id = $1`,
        [t.templateId],
      );
      await crashed.db.dataSource.query(
        `INSERT INTO tests SELECT * FROM "${through.db.options.schema}".tests WHERE id = $1`,
        [t.testId],
      );
    }
    const events = eventScript(
      { queueIds: ORDER, goldenTestIds: golden.map((t) => t.testId), otherTestId: other.testId },
      {
        start: Date.now() - 4 * 3_600_000,
        steps: 36,
        stepMinutes: 5,
        blackHoles: BLACK_HOLES,
        centralFailures: new Set(['Q03']),
      },
    );
    await Promise.all([
      publishInOrder(new Publisher(through.bus.bus), events),
      publishInOrder(new Publisher(crashed.bus.bus), events),
    ]);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    for (const w of [through, crashed]) {
      await w?.recorder.stop();
      await w?.bus.cleanup();
      await w?.db.drop();
    }
  });

  // The victim checkpoints often, so its restart restores a checkpoint taken mid-run and replays from there.
  const start = (w: World, id: string, checkpointMs = 60_000) => {
    const decider = startDecider(
      { ...w.db.env, ...w.bus.env },
      { id, batchSize: 7, tickMs: 200, extra: { ANVIL_DECIDER_CHECKPOINT_MS: String(checkpointMs) } },
    );
    processes.push(decider);
    return decider;
  };

  it('makes the same decisions, sets the same status and publishes the same events as one that ran through', async () => {
    const reference = start(through, 'decider-through');
    let victim = start(crashed, 'decider-victim', 300);

    // Kill the victim once it has committed some decisions and a checkpoint of some progress, well before the end
    // of the stream. (On a busy machine the first decision can be committed before the first checkpoint.)
    const last = await crashed.probe.jobStreamLastSeq();
    await expectEventually(
      async () => {
        expect((await crashed.probe.decisions()).length).toBeGreaterThan(0);
        expect(await crashed.probe.checkpointJobsSeq()).toBeGreaterThan(0);
      },
      { timeoutMs: 30_000, intervalMs: 5 },
    ).catch(withOutput([victim]));
    await victim.kill();
    const offsetAtKill = await crashed.probe.jobOffset();
    expect(offsetAtKill).toBeLessThan(last);
    const decisionsAtKill = (await crashed.probe.decisions()).length;

    victim = start(crashed, 'decider-victim-2', 300);
    await expectEventually(() => through.probe.expectCaughtUp(), { timeoutMs: 60_000 }).catch(withOutput([reference]));
    await expectEventually(() => crashed.probe.expectCaughtUp(), { timeoutMs: 60_000 }).catch(withOutput([victim]));

    // It restored a checkpoint taken before the kill and went on from there.
    const restored = victim.logs.find((line) => line.message === 'engine state restored')!;
    expect(Number(restored.checkpointJobsSeq)).toBeGreaterThan(0);
    // Whether any job message is left to replay past it depends on where the kill fell (the checkpoint may already
    // include the last committed batch), so the count is not checked; what must hold is that it ends where the
    // reference does (below).

    const expected = await through.probe.decisions();
    const actual = await crashed.probe.decisions();
    // The stream really decided things, and the kill really was in the middle of them.
    expect(
      expected
        .filter((d) => d.action === 'exclude' && d.enforced)
        .map((d) => d.queue_id)
        .sort(),
    ).toEqual(['Q00', 'Q01', 'Q02']);
    expect(expected.filter((d) => d.action === 'recover' && d.enforced).length).toBeGreaterThanOrEqual(2);
    expect(decisionsAtKill).toBeLessThan(expected.length);
    expect(comparable(actual)).toEqual(comparable(expected));

    const statuses = async (w: World) =>
      await w.db.dataSource.query(
        `SELECT id, status, status_source, status_set_by, exclusion_count, next_eligible_at,
           CASE WHEN status_set_by IS NULL THEN NULL ELSE status_since END AS status_since
         FROM queues ORDER BY id`,
      );
    expect(await statuses(crashed)).toEqual(await statuses(through));

    // Every decision was published exactly once, in both runs.
    const published = async (w: World) => {
      await expectEventually(() => expect(w.recorder.events.length).toBe(expected.length));
      return w.recorder.events.map((e) => `${e.subject} ${e.msgId}`);
    };
    const crashedEvents = await published(crashed);
    expect(new Set(crashedEvents).size).toBe(crashedEvents.length);
    expect([...crashedEvents].sort()).toEqual([...(await published(through))].sort());
    expect(crashedEvents.map((e) => e.split(' ')[1]).sort()).toEqual(expected.map((d) => d.id).sort());
  });
});
