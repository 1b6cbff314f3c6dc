import type { EntityManager } from 'typeorm';

/** Sites and queues as the seeds and test fixtures create them (`generateSimGrid`, `buildScenarioGrid`). */
export interface GridRows {
  readonly sites: readonly { readonly id: string; readonly name: string; readonly labels: object }[];
  readonly queues: readonly {
    readonly id: string;
    readonly siteId: string;
    readonly name: string;
    readonly backend: string;
    readonly backendConfig: object;
    readonly labels: object;
  }[];
}

/** Inserts the grid's sites and queues; rows that exist already are left as they are. */
export async function insertGrid(db: Pick<EntityManager, 'query'>, grid: GridRows): Promise<void> {
  for (const site of grid.sites) {
    await db.query(`INSERT INTO sites (id, name, labels) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [
      site.id,
      site.name,
      site.labels,
    ]);
  }
  for (const queue of grid.queues) {
    await db.query(
      `INSERT INTO queues (id, site_id, name, backend, backend_config, labels) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [queue.id, queue.siteId, queue.name, queue.backend, queue.backendConfig, queue.labels],
    );
  }
}
