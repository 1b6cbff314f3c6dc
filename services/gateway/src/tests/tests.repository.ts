import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { FIRST_QUEUES } from './first-queues.constant';
import type { JobStateCounts } from './job-state-counts';
import type { QueueSite } from './queue-site';
import type { TestFilter } from './test-filter';
import type { TestRecord } from './test.record';

const TEST_COLUMNS = `
  t.id, t.state, t.kind, t.robot, t.template_id AS "templateId", tpl.name AS "templateName",
  t.template_version AS "templateVersion", t.submitter_id AS "submitterId", t.start_at AS "startAt",
  t.end_at AS "endAt", t.started_at AS "startedAt", t.finished_at AS "finishedAt", t.queue_count AS "queueCount"`;

// The first queue ids come from the primary key (test_id, queue_id) of test_queues: a few index entries per test.
// (The count is kept in tests.queue_count by a trigger: counting here read every entry.)
const QUEUE_COLUMNS = `
  ARRAY(SELECT tq.queue_id FROM test_queues tq WHERE tq.test_id = p.id ORDER BY tq.queue_id LIMIT ${FIRST_QUEUES})
    AS "firstQueueIds"`;

// $1 state, $2 template, $3 kind, $4 queue (a test_queues row: its primary key, or test_queues_queue_idx from the
// queue's side), $5–$6 the creation time range.
const TEST_FILTER = `
  ($1::text IS NULL OR t.state = $1)
  AND ($2::uuid IS NULL OR t.template_id = $2)
  AND ($3::text IS NULL OR t.kind = $3)
  AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM test_queues f WHERE f.test_id = t.id AND f.queue_id = $4))
  AND ($5::timestamptz IS NULL OR t.created_at >= $5)
  AND ($6::timestamptz IS NULL OR t.created_at < $6)`;

const SUM_COUNTS = `
  sum(submitted)::int AS submitted, sum(running)::int AS running, sum(completed)::int AS completed,
  sum(failed)::int AS failed, sum(cancelled)::int AS cancelled, sum(lost)::int AS lost, sum(total)::int AS total`;

const FIND_BY_ID = `
  SELECT p.*, ${QUEUE_COLUMNS}
    FROM (SELECT ${TEST_COLUMNS} FROM tests t JOIN templates tpl ON tpl.id = t.template_id WHERE t.id = $1) p`;

const QUEUE_SITES = `
  SELECT tq.queue_id AS "queueId", q.site_id AS "siteId"
    FROM test_queues tq
    LEFT JOIN queues q ON q.id = tq.queue_id
   WHERE tq.test_id = $1
   ORDER BY tq.queue_id`;

/** Tests, their queues, and the rollup sums read when a test's live counters are missing. Never scans `jobs`. */
@Injectable()
export class TestsRepository {
  // The test page's two reads are named statements on the driver's pool (TypeORM's `query` cannot name one): each
  // connection plans them once, instead of on every page (planning the test's row costs more than reading it).
  private readonly pool: Pool;

  constructor(private readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
  }

  /** One page of tests, newest start first, and how many match over all pages. */
  async page(filter: TestFilter): Promise<{ tests: TestRecord[]; total: number }> {
    const params = [
      filter.state ?? null,
      filter.templateId ?? null,
      filter.kind ?? null,
      filter.queueId ?? null,
      filter.createdSince ?? null,
      filter.createdUntil ?? null,
    ];
    const rows: (TestRecord & { total: number })[] = await this.dataSource.query(
      `SELECT p.*, ${QUEUE_COLUMNS}
         FROM (SELECT ${TEST_COLUMNS}, count(*) OVER ()::int AS total
                 FROM tests t
                 JOIN templates tpl ON tpl.id = t.template_id
                WHERE ${TEST_FILTER}
                ORDER BY t.start_at DESC, t.id
                LIMIT $7 OFFSET $8) p
        ORDER BY p."startAt" DESC, p.id`,
      [...params, filter.limit, filter.offset],
    );
    const first = rows[0];
    if (first) {
      return { tests: rows.map(({ total: _total, ...test }) => test), total: first.total };
    }
    // Past the last page the window count has no row to ride on.
    const counted: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM tests t WHERE ${TEST_FILTER}`,
      params,
    );
    return { tests: [], total: counted[0]?.total ?? 0 };
  }

  async findById(id: string): Promise<TestRecord | undefined> {
    const result = await this.pool.query<TestRecord>({ name: 'gateway-test-by-id', text: FIND_BY_ID, values: [id] });
    return result.rows[0];
  }

  /** The test's queues in `test_queues` with their sites, by queue id. */
  async queueSites(testId: string): Promise<QueueSite[]> {
    const result = await this.pool.query<QueueSite>({
      name: 'gateway-test-queue-sites',
      text: QUEUE_SITES,
      values: [testId],
    });
    return result.rows;
  }

  /** Like `queueSites`, plus the queues in `extraQueueIds` (counted jobs without a `test_queues` row), by queue id. */
  async queueSitesWith(testId: string, extraQueueIds: readonly string[]): Promise<QueueSite[]> {
    return this.dataSource.query(
      `SELECT u.queue_id AS "queueId", q.site_id AS "siteId"
         FROM (SELECT queue_id FROM test_queues WHERE test_id = $1 UNION SELECT unnest($2::text[])) u
         LEFT JOIN queues q ON q.id = u.queue_id
        ORDER BY u.queue_id`,
      [testId, extraQueueIds],
    );
  }

  /** Per test, its jobs over all queues: the hourly rollups summed. Tests without rollups are absent. */
  async rollupTotals(testIds: readonly string[]): Promise<Map<string, JobStateCounts>> {
    if (testIds.length === 0) {
      return new Map();
    }
    const rows: (JobStateCounts & { testId: string })[] = await this.dataSource.query(
      `SELECT test_id AS "testId", ${SUM_COUNTS} FROM job_rollups WHERE test_id = ANY($1::uuid[]) GROUP BY test_id`,
      [testIds],
    );
    return new Map(rows.map(({ testId, ...counts }) => [testId, counts]));
  }

  /** The test's jobs per queue: the hourly rollups summed. Queues without rollups are absent. */
  async rollupQueueCounts(testId: string): Promise<Map<string, JobStateCounts>> {
    const rows: (JobStateCounts & { queueId: string })[] = await this.dataSource.query(
      `SELECT queue_id AS "queueId", ${SUM_COUNTS} FROM job_rollups WHERE test_id = $1 GROUP BY queue_id`,
      [testId],
    );
    return new Map(rows.map(({ queueId, ...counts }) => [queueId, counts]));
  }
}
