import { CENTRAL_OUTAGE_SCENARIO, FLAKY_SCENARIO, simQueueBehaviour, ScenarioReplay } from '@anvil/backends';
import { createTestDatabase, type TestDatabase } from '@anvil/testing';
import { SCENARIO_SEED_DEFAULTS, seedScenario } from '../src/seed/scenario-seed';

describe('seedScenario', () => {
  let db: TestDatabase;
  const options = { ...SCENARIO_SEED_DEFAULTS, seed: 1, timeScale: 60 };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates the scenario sites, its queues playing themselves and one golden template per scenario template', async () => {
    const result = await seedScenario(db.dataSource, CENTRAL_OUTAGE_SCENARIO, options);
    expect(result).toMatchObject({ scenario: 'central-outage', sites: 8, queues: 40 });
    expect(result.templates.map((t) => [t.name, t.created])).toEqual([
      ['scenario-pft-evgen', true],
      ['scenario-pft-simul', true],
      ['scenario-aft-analysis', true],
    ]);
    const queues = await db.dataSource.query<{ id: string; backend: string; backend_config: unknown }[]>(
      `SELECT id, backend, backend_config FROM queues WHERE labels->>'sim_grid' = 'scenario' ORDER BY id`,
    );
    expect(queues).toHaveLength(40);
    const replay = new ScenarioReplay(CENTRAL_OUTAGE_SCENARIO, 1, 60, 0);
    for (const queue of queues) {
      expect(queue.backend).toBe('sim');
      const behaviour = simQueueBehaviour(queue.backend_config, queue.id, replay);
      expect(behaviour.kind === 'scenario' && behaviour.queue.id).toBe(queue.id);
      // Without the scenario, the same row still runs on its fallback model.
      expect(simQueueBehaviour(queue.backend_config, queue.id).kind).toBe('model');
    }
    const [version] = await db.dataSource.query<{ golden: boolean; robot: boolean; queue_selector: unknown }[]>(
      `SELECT v.golden, v.robot, v.queue_selector FROM template_versions v JOIN templates t ON t.id = v.template_id
       WHERE t.name = 'scenario-pft-evgen'`,
    );
    expect(version).toEqual({
      golden: true,
      robot: true,
      queue_selector: { backend: 'sim', labels: { sim_grid: 'scenario' } },
    });
  });

  it('is idempotent and adds only the queues another scenario names', async () => {
    const again = await seedScenario(db.dataSource, CENTRAL_OUTAGE_SCENARIO, options);
    expect(again.templates.every((t) => !t.created)).toBe(true);
    await seedScenario(db.dataSource, FLAKY_SCENARIO, options);
    const [{ n }] = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM queues WHERE labels->>'sim_grid' = 'scenario'`,
    );
    expect(n).toBe(42);
    const [{ count }] = await db.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM templates WHERE name LIKE 'scenario-%'`,
    );
    expect(count).toBe(3);
  });
});
