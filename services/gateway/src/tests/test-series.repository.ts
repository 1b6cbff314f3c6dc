import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WallTimeBinDto } from './dto/wall-time-bin.dto';
import type { QueueError } from './queue-error';
import type { QueueWallStats } from './queue-wall-stats';
import type { TestSeriesRecord } from './test-series.record';
import type { TimelineRow } from './timeline-row';

/** A test's jobs submitted in [from, to): the bounds prune `jobs` to the partitions of those days. */
export interface JobScan {
  testId: string;
  from: Date;
  to: Date;
}

/** Buckets of `stepSeconds` from `from`; times outside [from, lastStart] count in the first or the last bucket. */
export interface BucketGrid {
  from: Date;
  lastStart: Date;
  stepSeconds: number;
}

const FINAL_STATES = `('completed', 'failed', 'cancelled', 'lost')`;
// Finished jobs with a usable wall time (NaN and infinities are greater than every number in PostgreSQL).
const WALL_JOBS = `
  test_id = $1 AND submitted_at >= $2 AND submitted_at < $3
  AND state IN ('completed', 'failed') AND wall_seconds >= 0 AND wall_seconds < 'Infinity'`;

const TEST_SERIES = `
  SELECT t.state, t.start_at AS "startAt", t.end_at AS "endAt", t.started_at AS "startedAt",
         t.finished_at AS "finishedAt", r."firstHour", r."lastHour", r.jobs, r.finished
    FROM tests t
    CROSS JOIN LATERAL (
      SELECT min(hour) AS "firstHour", max(hour) AS "lastHour", COALESCE(sum(total), 0)::float8 AS jobs,
             COALESCE(sum(completed + failed), 0)::float8 AS finished
        FROM job_rollups WHERE test_id = t.id) r
   WHERE t.id = $1`;

// One scan, two groupings: jobs by submission bucket, and final states by the bucket they finished in.
// $4 bucket interval, $5 first bucket start, $6 last bucket start.
const TIMELINE_FROM_JOBS = `
  SELECT GROUPING(s) = 1 AS "byFinish", COALESCE(s, f) AS at, state, count(*)::int AS n
    FROM (SELECT date_bin($4::interval, LEAST(GREATEST(submitted_at, $5), $6), $5) AS s,
                 CASE WHEN state IN ${FINAL_STATES}
                      THEN date_bin($4::interval, LEAST(GREATEST(COALESCE(finished_at, updated_at), $5), $6), $5)
                 END AS f,
                 state
            FROM jobs
           WHERE test_id = $1 AND submitted_at >= $2 AND submitted_at < $3) j
   GROUP BY GROUPING SETS ((s), (f, state))`;

// $2 bucket interval (whole hours), $3 first bucket start, $4 last bucket start.
const TIMELINE_FROM_ROLLUPS = `
  SELECT date_bin($2::interval, LEAST(GREATEST(hour, $3), $4), $3) AS at, sum(total)::int AS submitted,
         sum(completed)::int AS completed, sum(failed)::int AS failed, sum(cancelled)::int AS cancelled,
         sum(lost)::int AS lost
    FROM job_rollups WHERE test_id = $1
   GROUP BY 1`;

const QUEUE_STATS = `
  SELECT queue_id AS "queueId",
         count(*) FILTER (WHERE state = 'completed')::int AS completed,
         count(*) FILTER (WHERE state = 'failed')::int AS failed,
         avg(wall_seconds) AS "meanWallSeconds",
         sum(cpu_seconds) / NULLIF(sum(wall_seconds) FILTER (WHERE cpu_seconds IS NOT NULL), 0) AS "cpuEfficiency",
         avg(events / wall_seconds) FILTER (WHERE state = 'completed' AND events IS NOT NULL AND wall_seconds > 0)
           AS "eventsPerSecond",
         min(wall_seconds) AS "minWallSeconds", max(wall_seconds) AS "maxWallSeconds",
         sum(wall_seconds) AS "wallSecondsSum"
    FROM jobs
   WHERE ${WALL_JOBS}
   GROUP BY queue_id
   ORDER BY queue_id`;

// $4 lower bound of the first bin, $5 bin width, $6 last bin index.
const WALL_TIME_BINS = `
  SELECT GREATEST(LEAST(floor((wall_seconds - $4) / $5), $6), 0)::int AS bin,
         count(*) FILTER (WHERE state = 'completed')::int AS completed,
         count(*) FILTER (WHERE state = 'failed')::int AS failed
    FROM jobs
   WHERE ${WALL_JOBS}
   GROUP BY 1`;

// Per queue, its failed job that failed last (finish time, else submission; then the latest submitted).
const LATEST_ERRORS = `
  SELECT DISTINCT ON (queue_id) queue_id AS "queueId", id AS "jobId", COALESCE(finished_at, submitted_at) AS at,
         exit_code AS "exitCode", error_class AS "errorClass", error_message AS "errorMessage"
    FROM jobs
   WHERE test_id = $1 AND submitted_at >= $2 AND submitted_at < $3 AND state = 'failed'
   ORDER BY queue_id, COALESCE(finished_at, submitted_at) DESC, submitted_at DESC, id DESC`;

/**
 * The reads behind a test's timeline, stats and latest errors: `tests` and `job_rollups` for the bounds, then the test's jobs
 * through `jobs_test_time_idx (test_id, submitted_at, id)`, only in the partitions its jobs were submitted in.
 */
@Injectable()
export class TestSeriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(testId: string): Promise<TestSeriesRecord | undefined> {
    const rows: TestSeriesRecord[] = await this.dataSource.query(TEST_SERIES, [testId]);
    return rows[0];
  }

  /** Completed and failed jobs per submission hour, latest hour first. */
  async finishedPerHour(testId: string): Promise<{ hour: Date; finished: number }[]> {
    return this.dataSource.query(
      `SELECT hour, sum(completed + failed)::float8 AS finished
         FROM job_rollups WHERE test_id = $1 GROUP BY hour ORDER BY hour DESC`,
      [testId],
    );
  }

  /** Jobs by the bucket they were submitted in, final states by the bucket they reached them in. */
  async timelineFromJobs(scan: JobScan, grid: BucketGrid): Promise<TimelineRow[]> {
    const rows: { byFinish: boolean; at: Date | null; state: string | null; n: number }[] = await this.dataSource.query(
      TIMELINE_FROM_JOBS,
      [scan.testId, scan.from, scan.to, `${grid.stepSeconds} seconds`, grid.from, grid.lastStart],
    );
    return rows.flatMap(({ byFinish, at, state, n }): TimelineRow[] => {
      if (at === null) {
        return [];
      }
      if (!byFinish) {
        return [{ at, submitted: n }];
      }
      return state === 'completed' || state === 'failed' || state === 'cancelled' || state === 'lost'
        ? [{ at, [state]: n }]
        : [];
    });
  }

  /** The hourly rollups summed per bucket (`grid.stepSeconds` a whole number of hours): by submission hour. */
  async timelineFromRollups(testId: string, grid: BucketGrid): Promise<TimelineRow[]> {
    return this.dataSource.query(TIMELINE_FROM_ROLLUPS, [
      testId,
      `${grid.stepSeconds} seconds`,
      grid.from,
      grid.lastStart,
    ]);
  }

  /** Per queue, its completed and failed jobs with a wall time, by queue id. */
  async queueStats(scan: JobScan): Promise<QueueWallStats[]> {
    return this.dataSource.query(QUEUE_STATS, [scan.testId, scan.from, scan.to]);
  }

  /** Those jobs counted per bin `floor((wall - lowest) / width)`, bins past `lastBin` in the last. */
  async wallTimeBins(
    scan: JobScan,
    bins: { lowest: number; width: number; lastBin: number },
  ): Promise<(Omit<WallTimeBinDto, 'fromSeconds' | 'toSeconds'> & { bin: number })[]> {
    return this.dataSource.query(WALL_TIME_BINS, [
      scan.testId,
      scan.from,
      scan.to,
      bins.lowest,
      bins.width,
      bins.lastBin,
    ]);
  }

  /** Per queue with a failed job, the one that failed last, by queue id. */
  async latestErrors(scan: JobScan): Promise<QueueError[]> {
    return this.dataSource.query(LATEST_ERRORS, [scan.testId, scan.from, scan.to]);
  }
}
