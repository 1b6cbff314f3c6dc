import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { QueueSelector, TestKindName } from '@anvil/db';

/** Rows the scheduler reads, written directly with SQL. */
export class SchedulerFixtures {
  constructor(private readonly dataSource: DataSource) {}

  async site(id: string): Promise<string> {
    await this.dataSource.query(`INSERT INTO sites (id, name) VALUES ($1, $1)`, [id]);
    return id;
  }

  async queue(
    id: string,
    siteId: string,
    options: { backend?: string; labels?: Record<string, string>; status?: string; backendConfig?: object } = {},
  ): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO queues (id, site_id, name, backend, backend_config, labels, status) VALUES ($1, $2, $1, $3, $4, $5, $6)`,
      [
        id,
        siteId,
        options.backend ?? 'sim',
        JSON.stringify(options.backendConfig ?? { model: 'healthy' }),
        JSON.stringify(options.labels ?? {}),
        options.status ?? 'online',
      ],
    );
    return id;
  }

  async template(options: {
    kind?: TestKindName;
    robot?: boolean;
    lifetimeSeconds?: number;
    selector?: QueueSelector;
    active?: boolean;
  }): Promise<string> {
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, $2, 1, $3, 'test')`,
        [id, `tpl-${id}`, options.active ?? true],
      );
      await manager.query(
        `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
                                        lifetime_seconds, robot, golden, created_by)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7, false, 'test')`,
        [
          id,
          options.kind ?? 'functional',
          JSON.stringify({ command: 'echo ok' }),
          JSON.stringify(options.selector ?? {}),
          JSON.stringify({ minQueueDepth: 1, maxRunning: 2 }),
          options.lifetimeSeconds ?? 3600,
          options.robot ?? true,
        ],
      );
    });
    return id;
  }
}
