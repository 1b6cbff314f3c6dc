import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateSimGrid, type SimGrid, type SimQueueModel } from '@anvil/backends';
import { insertGrid } from '@anvil/db';

/** A simulated grid in the database with running functional tests over its queues, not yet assigned. */
export interface SimTestGrid {
  readonly grid: SimGrid;
  readonly testIds: readonly string[];
}

export interface SimTestGridOptions {
  readonly queues: number;
  /** The queues are split evenly between this many tests. */
  readonly tests: number;
  readonly minQueueDepth: number;
  readonly maxRunning: number;
  /** Multiplies the sim grid's durations (1: waits ~2-4 s, runs ~12-20 s). */
  readonly timeScale: number;
  readonly seed: number;
  /** Every queue behaves so (instead of the generated grid's mix of healthy, flaky, slow and black-hole queues). */
  readonly queueModel?: SimQueueModel;
}

/**
 * Seeds sites, `queues` sim queues, one template and `tests` running tests that no submitter owns yet, so the
 * scheduler assigns them to the live submitters as it would in production.
 */
export async function seedSimTestGrid(dataSource: DataSource, options: SimTestGridOptions): Promise<SimTestGrid> {
  const queuesPerSite = 10;
  const full = generateSimGrid({
    seed: options.seed,
    sites: Math.ceil(options.queues / queuesPerSite),
    queuesPerSite,
    timeScale: options.timeScale,
  });
  const queues = full.queues
    .slice(0, options.queues)
    .map((q) => (options.queueModel === undefined ? q : { ...q, backendConfig: options.queueModel }));
  const grid: SimGrid = { sites: full.sites, queues };
  await insertGrid(dataSource, grid);
  const templateId = randomUUID();
  await dataSource.query(
    `INSERT INTO templates (id, name, current_version, created_by) VALUES ($1, 'bench-functional', 1, 'bench')`,
    [templateId],
  );
  await dataSource.query(
    `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
                                    lifetime_seconds, robot, golden, created_by)
     VALUES ($1, 1, 'functional', $2, '{}', $3, 3600, false, true, 'bench')`,
    [
      templateId,
      JSON.stringify({ command: 'sim' }),
      JSON.stringify({ minQueueDepth: options.minQueueDepth, maxRunning: options.maxRunning }),
    ],
  );
  const testIds: string[] = [];
  const perTest = Math.ceil(grid.queues.length / options.tests);
  for (let i = 0; i < options.tests; i++) {
    const id = randomUUID();
    testIds.push(id);
    await dataSource.query(
      `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, started_at,
                          lease_epoch, created_by)
       VALUES ($1, $2, 1, 'functional', false, 'running', now(), now() + interval '1 hour', now(), 0, 'bench')`,
      [id, templateId],
    );
    const queueIds = grid.queues.slice(i * perTest, (i + 1) * perTest).map((q) => q.id);
    await dataSource.query(`INSERT INTO test_queues (test_id, queue_id) SELECT $1, unnest($2::text[])`, [id, queueIds]);
  }
  return { grid, testIds };
}
