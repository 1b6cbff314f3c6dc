import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TestStateName } from '@anvil/db';
import type { TestQueueCounts } from './test-queue-counts';
import type { TestRecord } from './test.record';

const SELECT_TEST = `
  SELECT t.id, t.state, t.kind, t.robot, t.template_id AS "templateId", tpl.name AS "templateName",
         t.template_version AS "templateVersion", t.submitter_id AS "submitterId", t.start_at AS "startAt",
         t.end_at AS "endAt", t.started_at AS "startedAt", t.finished_at AS "finishedAt"`;

@Injectable()
export class TestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of tests, newest start first, and how many match over all pages. */
  async page(filter: {
    state?: TestStateName;
    limit: number;
    offset: number;
  }): Promise<{ tests: TestRecord[]; total: number }> {
    const rows: (TestRecord & { total: number })[] = await this.dataSource.query(
      `${SELECT_TEST}, count(*) OVER ()::int AS total
         FROM tests t
         JOIN templates tpl ON tpl.id = t.template_id
        WHERE ($1::text IS NULL OR t.state = $1)
        ORDER BY t.start_at DESC, t.id
        LIMIT $2 OFFSET $3`,
      [filter.state ?? null, filter.limit, filter.offset],
    );
    const first = rows[0];
    if (first) {
      return { tests: rows.map(({ total: _total, ...test }) => test), total: first.total };
    }
    // Past the last page the window count has no row to ride on.
    const counted: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM tests WHERE ($1::text IS NULL OR state = $1)`,
      [filter.state ?? null],
    );
    return { tests: [], total: counted[0]?.total ?? 0 };
  }

  async findById(id: string): Promise<TestRecord | undefined> {
    const rows: TestRecord[] = await this.dataSource.query(
      `${SELECT_TEST} FROM tests t JOIN templates tpl ON tpl.id = t.template_id WHERE t.id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * Per test × queue job counts for many tests in one query: the hourly rollups summed (job detail
   * is never scanned), over every queue in `test_queues` (zeros before the first job) and any queue
   * that has rollups without being listed there. Ordered by test, then queue.
   */
  async queueCounts(testIds: readonly string[]): Promise<TestQueueCounts[]> {
    if (testIds.length === 0) {
      return [];
    }
    return this.dataSource.query(
      `WITH r AS (
         SELECT test_id, queue_id,
                sum(submitted)::int AS submitted, sum(running)::int AS running, sum(completed)::int AS completed,
                sum(failed)::int AS failed, sum(cancelled)::int AS cancelled, sum(lost)::int AS lost,
                sum(total)::int AS total
           FROM job_rollups
          WHERE test_id = ANY($1::uuid[])
          GROUP BY test_id, queue_id
       ), tq AS (
         SELECT test_id, queue_id FROM test_queues WHERE test_id = ANY($1::uuid[])
       )
       SELECT coalesce(tq.test_id, r.test_id) AS "testId", coalesce(tq.queue_id, r.queue_id) AS "queueId",
              q.site_id AS "siteId",
              coalesce(r.submitted, 0) AS submitted, coalesce(r.running, 0) AS running,
              coalesce(r.completed, 0) AS completed, coalesce(r.failed, 0) AS failed,
              coalesce(r.cancelled, 0) AS cancelled, coalesce(r.lost, 0) AS lost, coalesce(r.total, 0) AS total
         FROM tq
         FULL JOIN r ON r.test_id = tq.test_id AND r.queue_id = tq.queue_id
         LEFT JOIN queues q ON q.id = coalesce(tq.queue_id, r.queue_id)
        ORDER BY 1, 2`,
      [testIds],
    );
  }
}
