import type { DataSource } from 'typeorm';

export interface StoredJob {
  id: string;
  state: string;
  started_at: Date | null;
  finished_at: Date | null;
  exit_code: number | null;
  wall_seconds: number | null;
}

/** Reads what the ingester wrote, in the shapes the tests compare. */
export class IngestProbe {
  constructor(private readonly dataSource: DataSource) {}

  async jobs(): Promise<Map<string, StoredJob>> {
    const rows = await this.dataSource.query<StoredJob[]>(
      'SELECT id, state, started_at, finished_at, exit_code, wall_seconds FROM jobs ORDER BY id',
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async jobCount(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM jobs');
    return row.n;
  }

  /** `SELECT state, count(*) FROM jobs GROUP BY state`, as a record. */
  async stateCounts(): Promise<Record<string, number>> {
    const rows = await this.dataSource.query<{ state: string; n: number }[]>(
      'SELECT state, count(*)::int AS n FROM jobs GROUP BY state',
    );
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  }

  /** Per-state totals over every rollup row, zero states left out (same shape as `stateCounts`). */
  async rollupStateTotals(): Promise<Record<string, number>> {
    const [row] = await this.dataSource.query<Record<string, number>[]>(
      `SELECT coalesce(sum(submitted), 0)::int AS submitted, coalesce(sum(running), 0)::int AS running,
              coalesce(sum(completed), 0)::int AS completed, coalesce(sum(failed), 0)::int AS failed,
              coalesce(sum(cancelled), 0)::int AS cancelled, coalesce(sum(lost), 0)::int AS lost
       FROM job_rollups`,
    );
    return Object.fromEntries(Object.entries(row).filter(([, n]) => n !== 0));
  }

  /** Every rollup row, sorted, sums rounded. */
  async rollups(): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost, total,
              round(wall_seconds_sum::numeric, 6)::float8 AS wall, round(cpu_seconds_sum::numeric, 6)::float8 AS cpu,
              events_sum::text AS events
       FROM job_rollups ORDER BY test_id, queue_id, hour`,
    );
  }

  /** What the rollups must be: the same aggregate computed from the job rows. */
  async rollupsFromJobs(): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT test_id, queue_id, date_bin('1 hour', submitted_at, timestamptz '2000-01-01 00:00:00+00') AS hour,
              count(*) FILTER (WHERE state = 'submitted')::int AS submitted,
              count(*) FILTER (WHERE state = 'running')::int AS running,
              count(*) FILTER (WHERE state = 'completed')::int AS completed,
              count(*) FILTER (WHERE state = 'failed')::int AS failed,
              count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE state = 'lost')::int AS lost,
              count(*)::int AS total,
              round(coalesce(sum(wall_seconds) FILTER (WHERE state IN ('completed', 'failed', 'cancelled', 'lost')), 0)::numeric, 6)::float8 AS wall,
              round(coalesce(sum(cpu_seconds) FILTER (WHERE state IN ('completed', 'failed', 'cancelled', 'lost')), 0)::numeric, 6)::float8 AS cpu,
              coalesce(sum(events) FILTER (WHERE state IN ('completed', 'failed', 'cancelled', 'lost')), 0)::text AS events
       FROM jobs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
  }

  /** Every daily rollup row (queue × day × golden), sorted, sums rounded. */
  async dailyRollups(): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT queue_id, to_char(day, 'YYYY-MM-DD') AS day, golden, submitted, running, completed, failed, cancelled,
              lost, total, round(wall_seconds_sum::numeric, 6)::float8 AS wall,
              round(cpu_seconds_sum::numeric, 6)::float8 AS cpu, events_sum::text AS events
       FROM queue_daily_rollups WHERE total <> 0 ORDER BY queue_id, day, golden`,
    );
  }

  /** What the daily rollups must be: the hourly rollups summed per queue × UTC day × golden. */
  async dailyRollupsFromHourly(): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT r.queue_id, to_char(r.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, coalesce(tv.golden, false) AS golden,
              sum(submitted)::int AS submitted, sum(running)::int AS running, sum(completed)::int AS completed,
              sum(failed)::int AS failed, sum(cancelled)::int AS cancelled, sum(lost)::int AS lost,
              sum(total)::int AS total, round(sum(wall_seconds_sum)::numeric, 6)::float8 AS wall,
              round(sum(cpu_seconds_sum)::numeric, 6)::float8 AS cpu, sum(events_sum)::text AS events
       FROM job_rollups r
       LEFT JOIN tests t ON t.id = r.test_id
       LEFT JOIN template_versions tv ON tv.template_id = t.template_id AND tv.version = t.template_version
       GROUP BY 1, 2, 3 HAVING sum(total) <> 0 ORDER BY 1, 2, 3`,
    );
  }

  /**
   * Live counters must hold, per queue and over all queues (`*`), the rollup counts summed over hours:
   * `{ '<queue>:<state>': n }`, zeros left out.
   */
  async expectedLiveCounters(testId: string): Promise<Record<string, number>> {
    const rows = await this.dataSource.query<Record<string, string | number>[]>(
      `SELECT queue_id, sum(submitted)::int AS submitted, sum(running)::int AS running,
              sum(completed)::int AS completed, sum(failed)::int AS failed, sum(cancelled)::int AS cancelled,
              sum(lost)::int AS lost, sum(total)::int AS total
       FROM job_rollups WHERE test_id = $1 GROUP BY queue_id`,
      [testId],
    );
    const expected: Record<string, number> = {};
    const add = (field: string, n: number): void => {
      expected[field] = (expected[field] ?? 0) + n;
    };
    for (const { queue_id: queueId, ...counts } of rows) {
      for (const [state, n] of Object.entries(counts)) {
        add(`${String(queueId)}:${state}`, Number(n));
        add(`*:${state}`, Number(n));
      }
    }
    return Object.fromEntries(Object.entries(expected).filter(([, n]) => n !== 0));
  }
}
