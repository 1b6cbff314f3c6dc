import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface GoldenTest {
  readonly templateId: string;
  readonly testId: string;
}

export interface QueueOptions {
  readonly backend?: string;
  readonly labels?: Record<string, string>;
  readonly protected?: boolean;
  readonly autoExclusion?: boolean;
  readonly backendConfig?: object;
}

/** Rows the decider reads (sites, queues, templates, tests), written directly with SQL. */
export class DeciderFixtures {
  constructor(private readonly dataSource: DataSource) {}

  async site(id: string): Promise<string> {
    await this.dataSource.query(`INSERT INTO sites (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING`, [id]);
    return id;
  }

  async queue(id: string, siteId: string, options: QueueOptions = {}): Promise<string> {
    await this.site(siteId);
    await this.dataSource.query(
      `INSERT INTO queues (id, site_id, name, backend, backend_config, labels, protected, auto_exclusion)
       VALUES ($1, $2, $1, $3, $4, $5, $6, $7)`,
      [
        id,
        siteId,
        options.backend ?? 'sim',
        JSON.stringify(options.backendConfig ?? {}),
        JSON.stringify(options.labels ?? {}),
        options.protected ?? false,
        options.autoExclusion ?? true,
      ],
    );
    return id;
  }

  /** A template (golden or not) and one running test of it; job events name the test. */
  async test(golden = true, templateId: string = randomUUID()): Promise<GoldenTest> {
    const testId = randomUUID();
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO templates (id, name, current_version, created_by) VALUES ($1, $2, 1, 'test') ON CONFLICT DO NOTHING`,
        [templateId, `tpl-${templateId}`],
      );
      await m.query(
        `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
           lifetime_seconds, robot, golden, created_by)
         VALUES ($1, 1, 'functional', '{}', '{}', '{}', 3600, true, $2, 'test') ON CONFLICT DO NOTHING`,
        [templateId, golden],
      );
      await m.query(
        `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, created_by)
         VALUES ($1, $2, 1, 'functional', true, 'running', now() - interval '1 day', now() + interval '1 day', 'test')`,
        [testId, templateId],
      );
    });
    return { templateId, testId };
  }

  async queueStatus(
    id: string,
  ): Promise<{ status: string; status_source: string | null; status_set_by: string | null }> {
    const [row] = await this.dataSource.query(
      `SELECT status, status_source, status_set_by, exclusion_count, next_eligible_at FROM queues WHERE id = $1`,
      [id],
    );
    return row;
  }
}
