import type { DataSource } from 'typeorm';
import type { ExpectedJobStates } from './job-event-mix.util';

const STATES = ['submitted', 'running', 'completed', 'failed'] as const;

/** Differences between what the ingest should have stored and what is stored; empty when correct. */
export async function ingestProblems(
  dataSource: DataSource,
  expected: ExpectedJobStates,
  withRollups: boolean,
): Promise<string[]> {
  const problems: string[] = [];
  const compare = (what: string, actual: Record<string, number>) => {
    for (const key of ['jobs', ...STATES] as const) {
      if (Number(actual[key] ?? 0) !== expected[key]) {
        problems.push(`${what}: ${key} ${Number(actual[key] ?? 0)}, expected ${expected[key]}`);
      }
    }
  };
  const [jobs] = await dataSource.query<Record<string, number>[]>(
    `SELECT count(*)::int AS jobs, ${STATES.map((s) => `count(*) FILTER (WHERE state = '${s}')::int AS ${s}`).join(', ')},
       count(*) FILTER (WHERE state = 'failed' AND (error_class IS NULL OR exit_code = 0))::int AS bad_failed,
       count(*) FILTER (WHERE state IN ('completed', 'failed') AND (finished_at IS NULL OR wall_seconds IS NULL
         OR started_at IS NULL))::int AS bad_final
     FROM jobs`,
  );
  compare('jobs', jobs);
  if (jobs.bad_failed > 0 || jobs.bad_final > 0) {
    problems.push(`jobs: ${jobs.bad_failed} failed without error class, ${jobs.bad_final} final without details`);
  }
  if (!withRollups) {
    return problems;
  }
  const [rollups] = await dataSource.query<Record<string, number>[]>(
    `SELECT coalesce(sum(total), 0)::int AS jobs, ${STATES.map((s) => `coalesce(sum(${s}), 0)::int AS ${s}`).join(', ')}
     FROM job_rollups`,
  );
  compare('job_rollups', rollups);
  // Every rollup row equal to the aggregate of its jobs, sums included.
  const [mismatch] = await dataSource.query<{ n: number }[]>(
    `WITH stored AS (
       SELECT test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost, total,
         round(wall_seconds_sum::numeric, 3) AS wall, round(cpu_seconds_sum::numeric, 3) AS cpu, events_sum AS events
       FROM job_rollups),
     derived AS (
       SELECT test_id, queue_id, date_bin('1 hour', submitted_at, timestamptz '2000-01-01 00:00:00+00') AS hour,
         ${STATES.map((s) => `count(*) FILTER (WHERE state = '${s}')::int`).join(', ')}, 0, 0, count(*)::int,
         round(coalesce(sum(wall_seconds) FILTER (WHERE finished_at IS NOT NULL), 0)::numeric, 3),
         round(coalesce(sum(cpu_seconds) FILTER (WHERE finished_at IS NOT NULL), 0)::numeric, 3),
         coalesce(sum(events) FILTER (WHERE finished_at IS NOT NULL), 0)::bigint
       FROM jobs GROUP BY 1, 2, 3)
     SELECT count(*)::int AS n FROM ((SELECT * FROM stored EXCEPT SELECT * FROM derived)
       UNION ALL (SELECT * FROM derived EXCEPT SELECT * FROM stored)) AS d`,
  );
  if (mismatch.n > 0) {
    problems.push(`job_rollups: ${mismatch.n} row(s) differ from the aggregate of jobs`);
  }
  return problems;
}

/**
 * Percentiles (ms) of `updated_at − finished_at` over the final events published since `sinceMs`: finished_at is
 * the publish time (occurred_at); updated_at is `now()` in the ingester, the START of the transaction that stored
 * the event, so this is a lower bound of publish → commit (the ack-based figure is the upper bound).
 */
export async function finalEventLagMs(
  dataSource: DataSource,
  sinceMs: number,
): Promise<{ p50: number; p99: number; max: number; n: number }> {
  const [row] = await dataSource.query<{ p50: number; p99: number; max: number; n: number }[]>(
    `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_disc(0.99) WITHIN GROUP (ORDER BY lag)
       AS p99, max(lag) AS max, count(*)::int AS n
     FROM (SELECT extract(epoch FROM updated_at - finished_at) * 1000 AS lag FROM jobs
           WHERE state IN ('completed', 'failed') AND finished_at >= to_timestamp($1 / 1000.0)) AS l`,
    [sinceMs],
  );
  return { p50: Number(row.p50), p99: Number(row.p99), max: Number(row.max), n: row.n };
}
