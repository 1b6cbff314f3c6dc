import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { buildScenarioGrid, SCENARIO_GRID_LABEL, type ScenarioDescription } from '@anvil/backends';
import { insertGrid } from './insert-grid';

export interface ScenarioSeedOptions {
  /** Seed of the simulated grid (ANVIL_SIM_SEED): it draws the background failure rates of the fallback models. */
  seed: number;
  /** Scenario seconds per real second (ANVIL_SIM_TIME_SCALE): the fallback models' durations use it. */
  timeScale: number;
  /** Jobs each golden template keeps queued and at most running per queue. */
  minQueueDepth: number;
  maxRunning: number;
  lifetimeSeconds: number;
}

export const SCENARIO_SEED_DEFAULTS: Omit<ScenarioSeedOptions, 'seed' | 'timeScale'> = {
  minQueueDepth: 1,
  maxRunning: 1,
  lifetimeSeconds: 3600,
};

export interface ScenarioSeedResult {
  scenario: string;
  sites: number;
  queues: number;
  /** Golden template name → id; `created` false when it was already there. */
  templates: { name: string; id: string; created: boolean }[];
}

/** Name of the template that runs scenario template `template` (e.g. `scenario-pft-evgen`). */
export function scenarioTemplateName(template: string): string {
  return `scenario-${template}`;
}

/**
 * Seeds what a live replay of `description` needs: its sites, one sim queue per scenario queue (same id,
 * `backend_config.scenarioQueue` naming itself, label `sim_grid=scenario`), and one active, golden, robot
 * functional template per scenario template selecting those queues. Idempotent: existing rows (by id, and
 * templates by name) are left as they are, so the queues shared by catalogue scenarios are seeded once.
 */
export async function seedScenario(
  dataSource: DataSource,
  description: ScenarioDescription,
  options: ScenarioSeedOptions,
): Promise<ScenarioSeedResult> {
  const grid = buildScenarioGrid(description, { seed: options.seed, timeScale: options.timeScale });
  return dataSource.transaction(async (tx) => {
    await insertGrid(tx, grid);
    const templates: ScenarioSeedResult['templates'] = [];
    for (const template of grid.templates) {
      templates.push(await seedTemplate(tx, scenarioTemplateName(template), description.name, options));
    }
    return { scenario: description.name, sites: grid.sites.length, queues: grid.queues.length, templates };
  });
}

async function seedTemplate(
  tx: EntityManager,
  name: string,
  scenario: string,
  options: ScenarioSeedOptions,
): Promise<ScenarioSeedResult['templates'][number]> {
  const existing: { id: string }[] = await tx.query(`SELECT id FROM templates WHERE name = $1`, [name]);
  if (existing.length > 0) {
    return { name, id: existing[0].id, created: false };
  }
  const id = randomUUID();
  await tx.query(
    `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, $2, 1, true, 'seed')`,
    [id, name],
  );
  await tx.query(
    `INSERT INTO template_versions (template_id, version, kind, description, workload, queue_selector,
       submission_profile, lifetime_seconds, robot, golden, created_by)
     VALUES ($1, 1, 'functional', $2, $3, $4, $5, $6, true, true, 'seed')`,
    [
      id,
      `Sim scenario golden template (first seeded for ${scenario}): a simulated job on every scenario queue`,
      { command: 'sim' },
      { backend: 'sim', labels: { ...SCENARIO_GRID_LABEL } },
      { minQueueDepth: options.minQueueDepth, maxRunning: options.maxRunning },
      options.lifetimeSeconds,
    ],
  );
  return { name, id, created: true };
}
