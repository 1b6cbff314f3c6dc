import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JOB_STATE_NAMES, jobStateRank, type JobStateName } from '@anvil/contracts';
import type { JobIngestResult } from './job-ingest-result.type';
import type { JobUpdate } from './job-update.type';
import { pgArrayLiteral } from './pg-array-literal.util';
import { RollupDeltaAccumulator } from './rollup-delta.accumulator';
import type { RollupDelta } from './rollup-delta.type';

// Two ingesters touching the same jobs may still deadlock (an insert waiting on the other's
// uncommitted insert while holding a row lock it wants); Postgres aborts one, which simply retries.
const MAX_ATTEMPTS = 3;
const RETRYABLE_CODES = new Set(['40P01', '40001']);

// The retention boundary, read first in every batch and share-locked: the partition maintenance moves it in the
// transaction that drops partitions, so a batch either sees the new boundary or finishes before the drop starts.
const READ_RETENTION = `
  SELECT extract(epoch FROM retained_since) * 1000 AS retained_since_ms FROM job_retention WHERE id = 1 FOR SHARE`;

// `jobStateRank` as SQL, so the database and the merge rank states the same way.
const RANK = (state: string): string =>
  `(CASE ${state} ${JOB_STATE_NAMES.map((name) => `WHEN '${name}' THEN ${jobStateRank(name)}`).join(' ')} END)`;

// One statement per batch for every job: a new job is inserted; a stored one is locked and moved forward only if
// the new state outranks the stored one (the first final state wins). `prev_state` keeps the state it left, which
// RETURNING reports (null: inserted); a job not returned was left as it was. Rows come sorted by id, the lock order
// of every ingester. A `running` seen earlier keeps its start time; fields a non-final update does not carry (null)
// keep their stored value. The batch travels as one array per column: `npm run bench -- write-path` finds that
// as fast as COPY into a staging table and faster than one JSON parameter.
const UPSERT_JOBS = `
  INSERT INTO jobs AS j (id, submitted_at, test_id, queue_id, backend, backend_job_id, submitter_id, state,
    started_at, finished_at, exit_code, error_class, error_message, wall_seconds, cpu_seconds, max_rss_kb,
    stage_in_seconds, events, metrics)
  SELECT id, submitted_at, test_id, queue_id, backend, backend_job_id, submitter_id, state, started_at, finished_at,
    exit_code, error_class, error_message, wall_seconds, cpu_seconds, max_rss_kb, stage_in_seconds, events, metrics
  FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::timestamptz[], $10::timestamptz[], $11::integer[], $12::text[], $13::text[], $14::float8[],
    $15::float8[], $16::bigint[], $17::float8[], $18::bigint[], $19::jsonb[])
    AS v(id, submitted_at, test_id, queue_id, backend, backend_job_id, submitter_id, state, started_at, finished_at,
      exit_code, error_class, error_message, wall_seconds, cpu_seconds, max_rss_kb, stage_in_seconds, events, metrics)
  ON CONFLICT (id, submitted_at) DO UPDATE SET
    prev_state = j.state,
    state = EXCLUDED.state,
    backend_job_id = COALESCE(NULLIF(EXCLUDED.backend_job_id, ''), j.backend_job_id),
    started_at = COALESCE(j.started_at, EXCLUDED.started_at),
    finished_at = COALESCE(EXCLUDED.finished_at, j.finished_at),
    exit_code = COALESCE(EXCLUDED.exit_code, j.exit_code),
    error_class = COALESCE(EXCLUDED.error_class, j.error_class),
    error_message = COALESCE(EXCLUDED.error_message, j.error_message),
    wall_seconds = COALESCE(EXCLUDED.wall_seconds, j.wall_seconds),
    cpu_seconds = COALESCE(EXCLUDED.cpu_seconds, j.cpu_seconds),
    max_rss_kb = COALESCE(EXCLUDED.max_rss_kb, j.max_rss_kb),
    stage_in_seconds = COALESCE(EXCLUDED.stage_in_seconds, j.stage_in_seconds),
    events = COALESCE(EXCLUDED.events, j.events),
    metrics = j.metrics || EXCLUDED.metrics,
    updated_at = now()
  WHERE ${RANK('EXCLUDED.state')} > ${RANK('j.state')}
  RETURNING j.id, j.prev_state`;

// Why jobs were left as they were (duplicates or backwards): only read when some were. The bounds let PostgreSQL
// look in the partitions of the batch only.
const STORED_STATES = `
  SELECT j.id, j.state
  FROM jobs j
  JOIN unnest($1::uuid[], $2::timestamptz[]) AS k(id, submitted_at) ON j.id = k.id AND j.submitted_at = k.submitted_at
  WHERE j.submitted_at BETWEEN $3::timestamptz AND $4::timestamptz`;

// The batch's rollup deltas, one array per column, shared by both rollup statements.
const DELTAS = `
  unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::integer[], $5::integer[], $6::integer[], $7::integer[],
    $8::integer[], $9::integer[], $10::integer[], $11::float8[], $12::float8[], $13::bigint[])
    AS d(test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost, total, wall_seconds_sum,
      cpu_seconds_sum, events_sum)`;

const ADD_COUNTS = `
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

// Both rollup tables in one statement, so the deltas travel and are parsed once. Deltas come sorted by
// (test, queue, hour) and the daily rows are grouped in order: the order rows are locked in, so two writers never
// deadlock (PostgreSQL runs the main statement, then the rest of the WITH; the same order in every writer).
// The daily rows are the same deltas summed per queue × UTC day × golden (site history).
const APPLY_ROLLUPS = `
  WITH d AS (SELECT * FROM ${DELTAS}),
  hourly AS (
    INSERT INTO job_rollups AS r (test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost,
      total, wall_seconds_sum, cpu_seconds_sum, events_sum)
    SELECT * FROM d
    ON CONFLICT (test_id, queue_id, hour) DO UPDATE SET ${ADD_COUNTS}
  )
  INSERT INTO queue_daily_rollups AS r (queue_id, day, golden, submitted, running, completed, failed, cancelled, lost,
    total, wall_seconds_sum, cpu_seconds_sum, events_sum)
  SELECT d.queue_id, (d.hour AT TIME ZONE 'UTC')::date, coalesce(tv.golden, false), sum(d.submitted),
         sum(d.running), sum(d.completed), sum(d.failed), sum(d.cancelled), sum(d.lost), sum(d.total),
         sum(d.wall_seconds_sum), sum(d.cpu_seconds_sum), sum(d.events_sum)
    FROM d
    LEFT JOIN tests t ON t.id = d.test_id
    LEFT JOIN template_versions tv ON tv.template_id = t.template_id AND tv.version = t.template_version
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (queue_id, day, golden) DO UPDATE SET ${ADD_COUNTS}`;

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
    const [retention] = await manager.query<{ retained_since_ms: string }[]>(READ_RETENTION);
    const retainedSinceMs = Number(retention?.retained_since_ms ?? '-Infinity');
    const current = jobs.filter((job) => job.submittedAt.getTime() >= retainedSinceMs);
    const result = {
      inserted: 0,
      advanced: 0,
      backwardsIgnored: 0,
      duplicates: 0,
      expired: jobs.length - current.length,
    };
    if (current.length === 0) {
      return { ...result, rollupDeltas: [] };
    }

    const changed = await manager.query<{ id: string; prev_state: JobStateName | null }[]>(
      UPSERT_JOBS,
      jobParameters(current),
    );
    const previous = new Map(changed.map((row) => [row.id, row.prev_state]));
    const unchanged: JobUpdate[] = [];
    for (const job of current) {
      const from = previous.get(job.id);
      if (from === undefined) {
        unchanged.push(job);
      } else if (from === null) {
        result.inserted += 1;
        rollups.added(job);
      } else {
        result.advanced += 1;
        rollups.moved(job, from);
      }
    }
    if (unchanged.length > 0) {
      const stored = await manager.query<{ id: string; state: JobStateName }[]>(STORED_STATES, [
        pgArrayLiteral(unchanged, (job) => job.id),
        pgArrayLiteral(unchanged, (job) => job.submittedAt),
        ...submittedRange(unchanged),
      ]);
      const storedState = new Map(stored.map((row) => [row.id, row.state]));
      for (const job of unchanged) {
        if (storedState.get(job.id) === job.state) {
          result.duplicates += 1;
        } else {
          result.backwardsIgnored += 1;
        }
      }
    }

    const rollupDeltas = rollups.deltas();
    if (rollupDeltas.length > 0) {
      await manager.query(APPLY_ROLLUPS, rollupParameters(rollupDeltas));
    }
    return { ...result, rollupDeltas };
  }
}

/** The upsert's parameters: one array literal per column, in table order; bigints exact. */
function jobParameters(jobs: readonly JobUpdate[]): string[] {
  return [
    pgArrayLiteral(jobs, (j) => j.id),
    pgArrayLiteral(jobs, (j) => j.submittedAt),
    pgArrayLiteral(jobs, (j) => j.testId),
    pgArrayLiteral(jobs, (j) => j.queueId),
    pgArrayLiteral(jobs, (j) => j.backend),
    pgArrayLiteral(jobs, (j) => j.backendJobId),
    pgArrayLiteral(jobs, (j) => j.submitterId),
    pgArrayLiteral(jobs, (j) => j.state),
    pgArrayLiteral(jobs, (j) => j.startedAt),
    pgArrayLiteral(jobs, (j) => j.finishedAt),
    pgArrayLiteral(jobs, (j) => j.exitCode),
    pgArrayLiteral(jobs, (j) => j.errorClass),
    pgArrayLiteral(jobs, (j) => j.errorMessage),
    pgArrayLiteral(jobs, (j) => j.wallSeconds),
    pgArrayLiteral(jobs, (j) => j.cpuSeconds),
    pgArrayLiteral(jobs, (j) => j.maxRssKb),
    pgArrayLiteral(jobs, (j) => j.stageInSeconds),
    pgArrayLiteral(jobs, (j) => j.events),
    pgArrayLiteral(jobs, (j) => JSON.stringify(j.metrics)),
  ];
}

function submittedRange(jobs: readonly JobUpdate[]): [Date, Date] {
  let min = jobs[0].submittedAt;
  let max = min;
  for (const job of jobs) {
    min = job.submittedAt < min ? job.submittedAt : min;
    max = job.submittedAt > max ? job.submittedAt : max;
  }
  return [min, max];
}

/** The rollup statement's parameters: one array literal per column. */
function rollupParameters(deltas: readonly RollupDelta[]): string[] {
  return [
    pgArrayLiteral(deltas, (d) => d.testId),
    pgArrayLiteral(deltas, (d) => d.queueId),
    pgArrayLiteral(deltas, (d) => d.hour),
    pgArrayLiteral(deltas, (d) => d.counts.submitted),
    pgArrayLiteral(deltas, (d) => d.counts.running),
    pgArrayLiteral(deltas, (d) => d.counts.completed),
    pgArrayLiteral(deltas, (d) => d.counts.failed),
    pgArrayLiteral(deltas, (d) => d.counts.cancelled),
    pgArrayLiteral(deltas, (d) => d.counts.lost),
    pgArrayLiteral(deltas, (d) => d.total),
    pgArrayLiteral(deltas, (d) => d.wallSeconds),
    pgArrayLiteral(deltas, (d) => d.cpuSeconds),
    pgArrayLiteral(deltas, (d) => d.events),
  ];
}

function isRetryable(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return typeof driverError?.code === 'string' && RETRYABLE_CODES.has(driverError.code);
}
