import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { jobStateRank, type JobStateName } from '@anvil/contracts';
import type { JobIngestResult } from './job-ingest-result.type';
import type { JobUpdate } from './job-update.type';
import { RollupDeltaAccumulator } from './rollup-delta.accumulator';
import type { RollupDelta } from './rollup-delta.type';

// Two ingesters touching the same jobs may still deadlock (an insert waiting on the other's
// uncommitted insert while holding a row lock it wants); Postgres aborts one, which simply retries.
const MAX_ATTEMPTS = 3;
const RETRYABLE_CODES = new Set(['40P01', '40001']);

// The retention boundary, read first in every batch and share-locked: the partition maintenance moves it in the
// transaction that drops partitions, so a batch either sees the new boundary or finishes before the drop starts.
const READ_RETENTION = `SELECT retained_since FROM job_retention WHERE id = 1 FOR SHARE`;

// Jobs submitted before the boundary are not stored: their detail (and partition) is gone, and storing them again
// would count them twice in the rollups.
const INSERT_JOBS = `
  INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, backend_job_id, submitter_id, state,
    started_at, finished_at, exit_code, error_class, error_message, wall_seconds, cpu_seconds, max_rss_kb,
    stage_in_seconds, events, metrics)
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::timestamptz[], $10::timestamptz[], $11::integer[], $12::text[], $13::text[], $14::float8[],
    $15::float8[], $16::bigint[], $17::float8[], $18::bigint[], $19::jsonb[])
    AS u(id, submitted_at, test_id, queue_id, backend, backend_job_id, submitter_id, state, started_at, finished_at,
      exit_code, error_class, error_message, wall_seconds, cpu_seconds, max_rss_kb, stage_in_seconds, events, metrics)
  WHERE u.submitted_at >= $20::timestamptz
  ON CONFLICT (id, submitted_at) DO NOTHING
  RETURNING id`;

// Locks in id order, the same order in every ingester, so two batches cannot deadlock here.
const LOCK_JOBS = `
  SELECT j.id, j.state
  FROM jobs j
  JOIN unnest($1::uuid[], $2::timestamptz[]) AS k(id, submitted_at) ON j.id = k.id AND j.submitted_at = k.submitted_at
  ORDER BY j.id
  FOR UPDATE OF j`;

// Only called with jobs whose new state outranks the stored one. A `running` seen earlier keeps
// its start time; fields a non-final update does not carry (null) keep their stored value.
const ADVANCE_JOBS = `
  UPDATE jobs j SET
    state = v.state,
    backend_job_id = COALESCE(NULLIF(v.backend_job_id, ''), j.backend_job_id),
    started_at = COALESCE(j.started_at, v.started_at),
    finished_at = COALESCE(v.finished_at, j.finished_at),
    exit_code = COALESCE(v.exit_code, j.exit_code),
    error_class = COALESCE(v.error_class, j.error_class),
    error_message = COALESCE(v.error_message, j.error_message),
    wall_seconds = COALESCE(v.wall_seconds, j.wall_seconds),
    cpu_seconds = COALESCE(v.cpu_seconds, j.cpu_seconds),
    max_rss_kb = COALESCE(v.max_rss_kb, j.max_rss_kb),
    stage_in_seconds = COALESCE(v.stage_in_seconds, j.stage_in_seconds),
    events = COALESCE(v.events, j.events),
    metrics = j.metrics || v.metrics,
    updated_at = now()
  FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[],
    $7::integer[], $8::text[], $9::text[], $10::float8[], $11::float8[], $12::bigint[], $13::float8[],
    $14::bigint[], $15::jsonb[])
    AS v(id, submitted_at, state, backend_job_id, started_at, finished_at, exit_code, error_class, error_message,
      wall_seconds, cpu_seconds, max_rss_kb, stage_in_seconds, events, metrics)
  WHERE j.id = v.id AND j.submitted_at = v.submitted_at`;

const APPLY_ROLLUPS = `
  INSERT INTO job_rollups AS r (test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost,
    total, wall_seconds_sum, cpu_seconds_sum, events_sum)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::integer[], $5::integer[], $6::integer[],
    $7::integer[], $8::integer[], $9::integer[], $10::integer[], $11::float8[], $12::float8[], $13::bigint[])
  ON CONFLICT (test_id, queue_id, hour) DO UPDATE SET
    submitted = r.submitted + EXCLUDED.submitted,
    running = r.running + EXCLUDED.running,
    completed = r.completed + EXCLUDED.completed,
    failed = r.failed + EXCLUDED.failed,
    cancelled = r.cancelled + EXCLUDED.cancelled,
    lost = r.lost + EXCLUDED.lost,
    total = r.total + EXCLUDED.total,
    wall_seconds_sum = r.wall_seconds_sum + EXCLUDED.wall_seconds_sum,
    cpu_seconds_sum = r.cpu_seconds_sum + EXCLUDED.cpu_seconds_sum,
    events_sum = r.events_sum + EXCLUDED.events_sum,
    updated_at = now()`;

// The same deltas summed per queue × UTC day × golden (site history); sorted, like the hourly rows, for lock order.
const APPLY_DAILY_ROLLUPS = `
  INSERT INTO queue_daily_rollups AS r (queue_id, day, golden, submitted, running, completed, failed, cancelled, lost,
    total, wall_seconds_sum, cpu_seconds_sum, events_sum)
  SELECT d.queue_id, (d.hour AT TIME ZONE 'UTC')::date, coalesce(tv.golden, false), sum(d.submitted),
         sum(d.running), sum(d.completed), sum(d.failed), sum(d.cancelled), sum(d.lost), sum(d.total),
         sum(d.wall_seconds_sum), sum(d.cpu_seconds_sum), sum(d.events_sum)
    FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::integer[], $5::integer[], $6::integer[],
      $7::integer[], $8::integer[], $9::integer[], $10::integer[], $11::float8[], $12::float8[], $13::bigint[])
      AS d(test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost, total, wall_seconds_sum,
        cpu_seconds_sum, events_sum)
    LEFT JOIN tests t ON t.id = d.test_id
    LEFT JOIN template_versions tv ON tv.template_id = t.template_id AND tv.version = t.template_version
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (queue_id, day, golden) DO UPDATE SET
    submitted = r.submitted + EXCLUDED.submitted,
    running = r.running + EXCLUDED.running,
    completed = r.completed + EXCLUDED.completed,
    failed = r.failed + EXCLUDED.failed,
    cancelled = r.cancelled + EXCLUDED.cancelled,
    lost = r.lost + EXCLUDED.lost,
    total = r.total + EXCLUDED.total,
    wall_seconds_sum = r.wall_seconds_sum + EXCLUDED.wall_seconds_sum,
    cpu_seconds_sum = r.cpu_seconds_sum + EXCLUDED.cpu_seconds_sum,
    events_sum = r.events_sum + EXCLUDED.events_sum,
    updated_at = now()`;

/**
 * The only writer of `jobs`, `job_rollups` and `queue_daily_rollups`: applies one merged batch in one transaction,
 * set-based.
 */
@Injectable()
export class JobIngestRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Applies `jobs` (one update per job, sorted by id) monotonically and updates the rollups to match. */
  async ingest(jobs: readonly JobUpdate[]): Promise<JobIngestResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', (manager) => this.apply(manager, jobs));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) {
          throw error;
        }
      }
    }
  }

  private async apply(manager: EntityManager, jobs: readonly JobUpdate[]): Promise<JobIngestResult> {
    const rollups = new RollupDeltaAccumulator();
    if (jobs.length === 0) {
      return { inserted: 0, advanced: 0, backwardsIgnored: 0, duplicates: 0, expired: 0, rollupDeltas: [] };
    }
    const [retention] = await manager.query<{ retained_since: Date | string }[]>(READ_RETENTION);
    const retainedSince = retention?.retained_since ?? '-infinity';
    const insertedRows = await manager.query<{ id: string }[]>(INSERT_JOBS, [...insertParameters(jobs), retainedSince]);
    const inserted = new Set(insertedRows.map((row) => row.id));
    const existing = jobs.filter((job) => !inserted.has(job.id));
    for (const job of jobs) {
      if (inserted.has(job.id)) {
        rollups.added(job);
      }
    }

    const toAdvance: JobUpdate[] = [];
    let backwardsIgnored = 0;
    let duplicates = 0;
    let expired = 0;
    if (existing.length > 0) {
      const stored = await manager.query<{ id: string; state: JobStateName }[]>(LOCK_JOBS, [
        existing.map((job) => job.id),
        existing.map((job) => job.submittedAt),
      ]);
      const storedState = new Map(stored.map((row) => [row.id, row.state]));
      for (const job of existing) {
        const from = storedState.get(job.id);
        if (from === undefined) {
          // Not inserted and not stored: submitted before the retention boundary, its detail already dropped.
          expired += 1;
          continue;
        }
        if (jobStateRank(job.state) > jobStateRank(from)) {
          toAdvance.push(job);
          rollups.moved(job, from);
        } else if (job.state === from) {
          duplicates += 1;
        } else {
          backwardsIgnored += 1;
        }
      }
    }
    if (toAdvance.length > 0) {
      await manager.query(ADVANCE_JOBS, advanceParameters(toAdvance));
    }
    const rollupDeltas = rollups.deltas();
    if (rollupDeltas.length > 0) {
      const parameters = rollupParameters(rollupDeltas);
      await manager.query(APPLY_ROLLUPS, parameters);
      await manager.query(APPLY_DAILY_ROLLUPS, parameters);
    }
    return { inserted: inserted.size, advanced: toAdvance.length, backwardsIgnored, duplicates, expired, rollupDeltas };
  }
}

function insertParameters(jobs: readonly JobUpdate[]): unknown[] {
  return [
    jobs.map((j) => j.id),
    jobs.map((j) => j.submittedAt),
    jobs.map((j) => j.testId),
    jobs.map((j) => j.queueId),
    jobs.map((j) => j.backend),
    jobs.map((j) => j.backendJobId),
    jobs.map((j) => j.submitterId),
    jobs.map((j) => j.state),
    jobs.map((j) => j.startedAt),
    jobs.map((j) => j.finishedAt),
    ...detailParameters(jobs),
  ];
}

function advanceParameters(jobs: readonly JobUpdate[]): unknown[] {
  return [
    jobs.map((j) => j.id),
    jobs.map((j) => j.submittedAt),
    jobs.map((j) => j.state),
    jobs.map((j) => j.backendJobId),
    jobs.map((j) => j.startedAt),
    jobs.map((j) => j.finishedAt),
    ...detailParameters(jobs),
  ];
}

// exit_code .. metrics, in table order; bigints as decimal strings so no precision is lost.
function detailParameters(jobs: readonly JobUpdate[]): unknown[] {
  return [
    jobs.map((j) => j.exitCode),
    jobs.map((j) => j.errorClass),
    jobs.map((j) => j.errorMessage),
    jobs.map((j) => j.wallSeconds),
    jobs.map((j) => j.cpuSeconds),
    jobs.map((j) => j.maxRssKb?.toString() ?? null),
    jobs.map((j) => j.stageInSeconds),
    jobs.map((j) => j.events?.toString() ?? null),
    jobs.map((j) => JSON.stringify(j.metrics)),
  ];
}

function rollupParameters(deltas: readonly RollupDelta[]): unknown[] {
  return [
    deltas.map((d) => d.testId),
    deltas.map((d) => d.queueId),
    deltas.map((d) => d.hour),
    deltas.map((d) => d.counts.submitted),
    deltas.map((d) => d.counts.running),
    deltas.map((d) => d.counts.completed),
    deltas.map((d) => d.counts.failed),
    deltas.map((d) => d.counts.cancelled),
    deltas.map((d) => d.counts.lost),
    deltas.map((d) => d.total),
    deltas.map((d) => d.wallSeconds),
    deltas.map((d) => d.cpuSeconds),
    deltas.map((d) => d.events.toString()),
  ];
}

function isRetryable(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return typeof driverError?.code === 'string' && RETRYABLE_CODES.has(driverError.code);
}
