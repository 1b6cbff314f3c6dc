import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { InFlightJobRow } from './in-flight-job-row.type';
import type { OwnedTestRow } from './owned-test-row.type';

const OWNED_TESTS = `
  SELECT t.id AS "testId", t.lease_epoch::text AS "leaseEpoch", t.kind, t.start_at AS "startAt", t.end_at AS "endAt",
         v.submission_profile AS profile, v.workload,
         (SELECT COALESCE(json_agg(json_build_object('queueId', q.id, 'queueName', q.name, 'siteId', q.site_id, 'backend', q.backend,
                                                     'backendConfig', q.backend_config, 'status', q.status)
                                   ORDER BY q.id), '[]'::json)
          FROM test_queues tq JOIN queues q ON q.id = tq.queue_id WHERE tq.test_id = t.id) AS queues
  FROM tests t JOIN template_versions v ON v.template_id = t.template_id AND v.version = t.template_version
  WHERE t.state = 'running' AND t.submitter_id = $1`;

/** What the submitter reads from the database: the tests it owns and the jobs they left in flight. */
@Injectable()
export class AssignmentsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Running tests whose lease `submitterId` holds. */
  async ownedRunningTests(submitterId: string): Promise<OwnedTestRow[]> {
    return this.dataSource.query<OwnedTestRow[]>(`${OWNED_TESTS} ORDER BY t.id`, [submitterId]);
  }

  /** The running test `testId` if `submitterId` holds its lease, else null. */
  async ownedRunningTest(submitterId: string, testId: string): Promise<OwnedTestRow | null> {
    const rows = await this.dataSource.query<OwnedTestRow[]>(`${OWNED_TESTS} AND t.id = $2::uuid`, [
      submitterId,
      testId,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Jobs of the test not final yet (any submitter's: after a failover the new owner tracks them, or declares
   * them lost), and how many jobs each queue got in all (for stress tests' `totalJobs`).
   */
  async adoption(testId: string): Promise<{ jobs: InFlightJobRow[]; totals: Map<string, number> }> {
    const jobs = await this.dataSource.query<InFlightJobRow[]>(
      `SELECT id AS "jobId", queue_id AS "queueId", backend, backend_job_id AS "backendJobId",
              submitted_at AS "submittedAt", state
       FROM jobs WHERE test_id = $1 AND state IN ('submitted', 'running') AND backend_job_id <> ''`,
      [testId],
    );
    const totals = await this.dataSource.query<{ queueId: string; total: number }[]>(
      `SELECT queue_id AS "queueId", count(*)::int AS total FROM jobs WHERE test_id = $1 GROUP BY queue_id`,
      [testId],
    );
    return { jobs, totals: new Map(totals.map((t) => [t.queueId, t.total])) };
  }

  /** Which of `jobIds` of the test `jobs` holds, in any state. */
  async knownJobIds(testId: string, jobIds: readonly string[]): Promise<Set<string>> {
    if (jobIds.length === 0) {
      return new Set();
    }
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM jobs WHERE test_id = $1 AND id = ANY($2::uuid[])`,
      [testId, jobIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Tests among `testIds` that are still running, under another submitter than `submitterId`. */
  async runningElsewhere(submitterId: string, testIds: readonly string[]): Promise<Set<string>> {
    if (testIds.length === 0) {
      return new Set();
    }
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tests WHERE id = ANY($1::uuid[]) AND state = 'running' AND submitter_id IS DISTINCT FROM $2`,
      [testIds, submitterId],
    );
    return new Set(rows.map((row) => row.id));
  }
}
