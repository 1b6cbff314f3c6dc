import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateSimGrid } from '@anvil/backends';
import { insertGrid } from './insert-grid';

export interface DemoSeedOptions {
  seed: number;
  sites: number;
  queuesPerSite: number;
  /** Multiplies the simulated queue-wait and run times (1: waits of seconds, runs of tens of seconds). */
  timeScale: number;
  templateName: string;
  lifetimeSeconds: number;
  minQueueDepth: number;
  maxRunning: number;
}

export const DEMO_SEED_DEFAULTS: DemoSeedOptions = {
  seed: 42,
  sites: 20,
  queuesPerSite: 2,
  timeScale: 1,
  templateName: 'demo-functional',
  lifetimeSeconds: 600,
  minQueueDepth: 2,
  maxRunning: 4,
};

export interface DemoSeedResult {
  sites: number;
  queues: number;
  templateId: string;
  templateCreated: boolean;
}

/**
 * Seeds a simulated grid and one active, golden functional template targeting every sim queue.
 * Idempotent: existing sites, queues and the template (by name) are left as they are.
 */
export async function seedDemo(dataSource: DataSource, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const grid = generateSimGrid({
    seed: options.seed,
    sites: options.sites,
    queuesPerSite: options.queuesPerSite,
    timeScale: options.timeScale,
  });
  return dataSource.transaction(async (tx) => {
    await insertGrid(tx, grid);
    const existing: { id: string }[] = await tx.query(`SELECT id FROM templates WHERE name = $1`, [
      options.templateName,
    ]);
    if (existing.length > 0) {
      return {
        sites: grid.sites.length,
        queues: grid.queues.length,
        templateId: existing[0].id,
        templateCreated: false,
      };
    }
    const templateId = randomUUID();
    await tx.query(
      `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, $2, 1, true, 'seed')`,
      [templateId, options.templateName],
    );
    await tx.query(
      `INSERT INTO template_versions (template_id, version, kind, description, workload, queue_selector,
         submission_profile, lifetime_seconds, robot, golden, created_by)
       VALUES ($1, 1, 'functional', $2, $3, $4, $5, $6, true, true, 'seed')`,
      [
        templateId,
        'Demo: a short simulated job on every queue of the simulated grid, renewed by the robot',
        { command: 'sim', resources: { timeLimitSeconds: 600 } },
        { backend: 'sim' },
        { minQueueDepth: options.minQueueDepth, maxRunning: options.maxRunning },
        options.lifetimeSeconds,
      ],
    );
    return { sites: grid.sites.length, queues: grid.queues.length, templateId, templateCreated: true };
  });
}
