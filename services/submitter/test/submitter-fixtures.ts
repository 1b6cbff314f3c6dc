import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SimGrid } from '@anvil/backends';
import { insertGrid } from '@anvil/db';

/** Rows the submitter reads, written directly with SQL (as the gateway and scheduler would). */
export class SubmitterFixtures {
  constructor(private readonly dataSource: DataSource) {}

  async grid(grid: SimGrid): Promise<void> {
    await insertGrid(this.dataSource, grid);
  }

  /** A functional template (version 1) with the given profile and workload. */
  async template(
    profile: { minQueueDepth: number; maxRunning: number; totalJobs?: number; resubmit?: boolean },
    workload: Record<string, unknown> = { command: 'echo ok' },
  ): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO templates (id, name, current_version, created_by) VALUES ($1, $2, 1, 'test')`,
      [id, `tpl-${id}`],
    );
    await this.dataSource.query(
      `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
                                      lifetime_seconds, robot, golden, created_by)
       VALUES ($1, 1, 'functional', $2, '{}', $3, 3600, false, true, 'test')`,
      [id, JSON.stringify(workload), JSON.stringify(profile)],
    );
    return id;
  }

  /** A running test owned by `submitterId` (lease epoch 1) on `queueIds`, ending in an hour. */
  async runningTest(templateId: string, submitterId: string, queueIds: readonly string[]): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, started_at,
                          submitter_id, lease_epoch, created_by)
       VALUES ($1, $2, 1, 'functional', false, 'running', now(), now() + interval '1 hour', now(), $3, 1, 'test')`,
      [id, templateId, submitterId],
    );
    for (const queueId of queueIds) {
      await this.dataSource.query(`INSERT INTO test_queues (test_id, queue_id) VALUES ($1, $2)`, [id, queueId]);
    }
    return id;
  }
}
