import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@anvil/testing';
import { LifecycleRepository } from '../src/lifecycle/lifecycle.repository';
import { RobotRepository } from '../src/lifecycle/robot.repository';
import type { NewTest } from '../src/tests/new-test.type';
import { TestRepository } from '../src/tests/test.repository';
import { SchedulerFixtures } from './scheduler-fixtures';

describe('scheduler repositories (real PostgreSQL)', () => {
  let db: TestDatabase;
  let tests: TestRepository;
  let lifecycle: LifecycleRepository;
  let robots: RobotRepository;
  let fixtures: SchedulerFixtures;

  const robotTest = (templateId: string, predecessorId: string | null = null): NewTest => ({
    id: randomUUID(),
    templateId,
    templateVersion: 1,
    kind: 'functional',
    robot: true,
    startAt: null,
    end: { afterMs: 60_000 },
    predecessorId,
    createdBy: 'robot',
    selector: { queueIds: ['Q1'] },
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    tests = new TestRepository(db.dataSource);
    lifecycle = new LifecycleRepository(db.dataSource);
    robots = new RobotRepository(db.dataSource);
    fixtures = new SchedulerFixtures(db.dataSource);
    await fixtures.site('S1');
    await fixtures.queue('Q1', 'S1');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('keeps one live robot test when two schedulers create one for the same template at once', async () => {
    const templateId = await fixtures.template({ robot: true, lifetimeSeconds: 60, selector: { queueIds: ['Q1'] } });
    const results = await Promise.all([tests.create(robotTest(templateId)), tests.create(robotTest(templateId))]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const live = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tests WHERE template_id = $1 AND state IN ('scheduled', 'running')`,
      [templateId],
    );
    expect(live[0].n).toBe(1);
    expect(await robots.candidates()).not.toContainEqual(expect.objectContaining({ templateId }));
  });

  it('gives a finished test one successor when two schedulers renew it at once', async () => {
    const templateId = await fixtures.template({ robot: true, lifetimeSeconds: 60, selector: { queueIds: ['Q1'] } });
    const first = await tests.create(robotTest(templateId));
    await db.dataSource.query(`UPDATE tests SET state = 'completed', finished_at = now() WHERE id = $1`, [
      first!.test.id,
    ]);
    const candidate = (await robots.candidates()).find((c) => c.templateId === templateId);
    expect(candidate?.predecessorId).toBe(first!.test.id);
    const results = await Promise.all([
      tests.create(robotTest(templateId, first!.test.id)),
      tests.create(robotTest(templateId, first!.test.id)),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(results.find((r) => r !== null)?.queueIds).toEqual(['Q1']);
  });

  it('creates nothing the second time when a command test with the same id comes again', async () => {
    const templateId = await fixtures.template({ kind: 'stress', robot: false, selector: { queueIds: ['Q1'] } });
    const test: NewTest = {
      ...robotTest(templateId),
      kind: 'stress',
      robot: false,
      startAt: new Date(Date.now() + 60_000),
      end: { at: new Date(Date.now() + 120_000) },
    };
    expect(await tests.create(test)).not.toBeNull();
    expect(await tests.create(test)).toBeNull();
    expect((await tests.findById(test.id))?.state).toBe('scheduled');
  });

  it('starts each due test exactly once when two ticks run at once', async () => {
    const templateId = await fixtures.template({ kind: 'stress', robot: false, selector: { queueIds: ['Q1'] } });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await tests.create({ ...robotTest(templateId), kind: 'stress', robot: false });
      ids.push(created!.test.id);
    }
    const [a, b] = await Promise.all([lifecycle.startDue(), lifecycle.startDue()]);
    const started = [...a, ...b].map((t) => t.id).filter((id) => ids.includes(id));
    expect(started.sort()).toEqual([...ids].sort());
  });

  it('assigns only when the owner is still the one the caller saw, bumping the epoch', async () => {
    const templateId = await fixtures.template({ kind: 'stress', robot: false, selector: { queueIds: ['Q1'] } });
    const created = await tests.create({ ...robotTest(templateId), kind: 'stress', robot: false });
    const id = created!.test.id;
    await lifecycle.startDue();
    expect((await lifecycle.unowned(['sub-a'])).map((t) => t.id)).toContain(id);

    const first = await lifecycle.assign(id, null, 'sub-a');
    expect(first).toMatchObject({ testId: id, submitterId: 'sub-a', leaseEpoch: '1', kind: 'stress' });
    expect(first?.queues).toEqual([
      { queueId: 'Q1', siteId: 'S1', backend: 'sim', backendConfig: { model: 'healthy' } },
    ]);
    expect((await lifecycle.unowned(['sub-a'])).map((t) => t.id)).not.toContain(id);
    // A second scheduler that still saw the test unowned loses.
    expect(await lifecycle.assign(id, null, 'sub-b')).toBeNull();
    // sub-a died: reassigning from it works and bumps the epoch again.
    expect((await lifecycle.unowned(['sub-b'])).map((t) => t.id)).toContain(id);
    expect(await lifecycle.assign(id, 'sub-a', 'sub-b')).toMatchObject({ submitterId: 'sub-b', leaseEpoch: '2' });
    expect((await lifecycle.runningCounts(['sub-a', 'sub-b'])).get('sub-b')).toBeGreaterThanOrEqual(1);
  });

  it('cancels a live test once and leaves a final one alone', async () => {
    const templateId = await fixtures.template({ kind: 'stress', robot: false, selector: { queueIds: ['Q1'] } });
    const created = await tests.create({ ...robotTest(templateId), kind: 'stress', robot: false });
    const cancelled = await tests.cancel(created!.test.id, 'stop');
    expect(cancelled).toMatchObject({ state: 'cancelled', reason: 'stop' });
    expect(cancelled?.finishedAt).toBeInstanceOf(Date);
    expect(await tests.cancel(created!.test.id, 'again')).toBeNull();
    expect((await tests.findById(created!.test.id))?.reason).toBe('stop');
  });
});
