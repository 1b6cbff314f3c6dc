import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_STATE_NAMES, type JobStateName } from '@anvil/contracts';

/** A test's current job counts on one queue, summed over every rollup hour. */
export type QueueCounts = { readonly queueId: string; readonly total: number } & Readonly<Record<JobStateName, number>>;

/** Reads `job_rollups` (the truth the live counters are rebuilt from). */
@Injectable()
export class JobRollupRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async countsForTest(testId: string): Promise<QueueCounts[]> {
    const rows = await this.dataSource.query<Record<string, string>[]>(
      `SELECT queue_id, ${JOB_STATE_NAMES.map((s) => `sum(${s})::bigint AS ${s}`).join(', ')}, sum(total)::bigint AS total
       FROM job_rollups WHERE test_id = $1 GROUP BY queue_id ORDER BY queue_id`,
      [testId],
    );
    return rows.map((row) => ({
      queueId: row.queue_id,
      total: Number(row.total),
      submitted: Number(row.submitted),
      running: Number(row.running),
      completed: Number(row.completed),
      failed: Number(row.failed),
      cancelled: Number(row.cancelled),
      lost: Number(row.lost),
    }));
  }

  async runningTestIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM tests WHERE state = 'running'`);
    return rows.map((row) => row.id);
  }
}
