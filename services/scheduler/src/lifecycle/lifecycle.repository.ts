import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TEST_COLUMNS } from '../tests/test-columns.constant';
import type { TestRow } from '../tests/test-row.type';
import type { AssignmentRow } from './assignment-row.type';
import type { UnownedTest } from './unowned-test.type';

// Bounds one tick's work; whatever is left is picked up by the next tick.
const BATCH = 500;

/** State transitions of the leader's tick. Every update is conditional, so a second writer changes nothing. */
@Injectable()
export class LifecycleRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** scheduled → running for tests whose start has come. */
  async startDue(): Promise<TestRow[]> {
    const [rows] = await this.dataSource.query<[TestRow[], number]>(
      `UPDATE tests SET state = 'running', started_at = now(), updated_at = now()
       WHERE id IN (SELECT id FROM tests WHERE state = 'scheduled' AND start_at <= now()
                    ORDER BY start_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         AND state = 'scheduled'
       RETURNING ${TEST_COLUMNS}`,
    );
    return rows;
  }

  /** running → completed for tests whose end has come. */
  async completeDue(): Promise<TestRow[]> {
    const [rows] = await this.dataSource.query<[TestRow[], number]>(
      `UPDATE tests SET state = 'completed', finished_at = now(), updated_at = now()
       WHERE id IN (SELECT id FROM tests WHERE state = 'running' AND end_at <= now()
                    ORDER BY end_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         AND state = 'running'
       RETURNING ${TEST_COLUMNS}`,
    );
    return rows;
  }

  /** Running tests whose owner is not among `liveSubmitters` (or that never had one). */
  async unowned(liveSubmitters: readonly string[]): Promise<UnownedTest[]> {
    return await this.dataSource.query<UnownedTest[]>(
      `SELECT id, submitter_id AS "submitterId" FROM tests
       WHERE state = 'running' AND (submitter_id IS NULL OR NOT (submitter_id = ANY($1::text[])))
       ORDER BY start_at, id LIMIT ${BATCH}`,
      [liveSubmitters],
    );
  }

  /** Running tests per submitter, for the given submitters. */
  async runningCounts(submitters: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<{ submitterId: string; running: number }[]>(
      `SELECT submitter_id AS "submitterId", count(*)::int AS running FROM tests
       WHERE state = 'running' AND submitter_id = ANY($1::text[])
       GROUP BY submitter_id`,
      [submitters],
    );
    return new Map(rows.map((r) => [r.submitterId, r.running]));
  }

  /**
   * Hands a running test to `submitterId` and bumps its lease epoch, only if it still has the owner the caller saw
   * (`previousOwner`); returns what the submitter needs to run it, or `null` when the test changed meanwhile.
   */
  async assign(testId: string, previousOwner: string | null, submitterId: string): Promise<AssignmentRow | null> {
    const rows = await this.dataSource.query<AssignmentRow[]>(
      `WITH a AS (
         UPDATE tests SET submitter_id = $2, lease_epoch = lease_epoch + 1, updated_at = now()
         WHERE id = $1 AND state = 'running' AND submitter_id IS NOT DISTINCT FROM $3::text
         RETURNING id, template_id, template_version, kind, end_at, lease_epoch, submitter_id, trace_parent)
       SELECT a.id AS "testId", a.submitter_id AS "submitterId", a.lease_epoch AS "leaseEpoch", a.kind,
              a.end_at AS "endAt", v.submission_profile AS profile, v.workload, a.trace_parent AS "traceParent",
              (SELECT COALESCE(json_agg(json_build_object('queueId', q.id, 'siteId', q.site_id, 'backend', q.backend,
                                                          'backendConfig', q.backend_config) ORDER BY q.id), '[]'::json)
               FROM test_queues tq JOIN queues q ON q.id = tq.queue_id WHERE tq.test_id = a.id) AS queues
       FROM a JOIN template_versions v ON v.template_id = a.template_id AND v.version = a.template_version`,
      [testId, submitterId, previousOwner],
    );
    return rows[0] ?? null;
  }
}
