import { Inject, Injectable } from '@nestjs/common';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig } from '../gateway.env';
import type { TestErrorsDto } from './dto/test-errors.dto';
import type { TestStatsDto } from './dto/test-stats.dto';
import type { TestTimelineDto } from './dto/test-timeline.dto';
import type { TimelineBucketDto } from './dto/timeline-bucket.dto';
import type { WallTimeHistogramDto } from './dto/wall-time-histogram.dto';
import { RenderedJsonCache } from './rendered-json.cache';
import { TestSeriesRepository, type JobScan } from './test-series.repository';
import type { TestSeriesRecord } from './test-series.record';
import { timelineGrid } from './timeline-grid.util';
import type { TimelineRow } from './timeline-row';
import { wallTimeBins } from './wall-time-bins.util';

const HOUR_MS = 3_600_000;
/** Above this many jobs a timeline is read from the hourly rollups, whatever its length. */
export const TIMELINE_MAX_JOBS = 500_000;
/** Stats read the newest whole hours of submissions that hold at least this many finished jobs, not more. */
export const STATS_MAX_JOBS = 200_000;
/** Latest errors read the newest whole hours of submissions that hold at least this many finished jobs, not more. */
export const ERRORS_MAX_JOBS = 200_000;
/** Bytes of rendered timelines and stats kept per replica (a timeline is ~12 KB, stats of 1,000 queues ~150 KB). */
const SERIES_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * The series of a test's page: its jobs over time, its wall-time histogram and per-queue figures, each queue's
 * latest error. They read the test's jobs (bounded: the partitions of its submission hours, at most
 * `TIMELINE_MAX_JOBS` / about `STATS_MAX_JOBS` / `ERRORS_MAX_JOBS` rows), so each answer is rendered once per ANVIL_GATEWAY_SERIES_CACHE_MS per replica.
 */
@Injectable()
export class TestSeriesService {
  private readonly rendered: RenderedJsonCache;

  constructor(
    private readonly series: TestSeriesRepository,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.rendered = new RenderedJsonCache(config.seriesCacheMs, SERIES_CACHE_BYTES);
  }

  timelineJson(id: string): Promise<Buffer> {
    return this.rendered.get(`timeline:${id}`, () => this.timeline(id));
  }

  statsJson(id: string): Promise<Buffer> {
    return this.rendered.get(`stats:${id}`, () => this.stats(id));
  }

  errorsJson(id: string): Promise<Buffer> {
    return this.rendered.get(`errors:${id}`, () => this.errors(id));
  }

  async timeline(id: string, now = new Date()): Promise<TestTimelineDto> {
    const test = await this.find(id);
    const startMs = (test.startedAt ?? test.startAt).getTime();
    const endMs = (test.finishedAt ?? (isLive(test) ? now : test.endAt)).getTime();
    let grid = timelineGrid(startMs, endMs);
    const fromJobs = grid.stepSeconds < 3600 && test.jobs <= TIMELINE_MAX_JOBS;
    if (!fromJobs) {
      grid = timelineGrid(startMs, endMs, 3600);
    }
    const stepMs = grid.stepSeconds * 1000;
    const buckets: TimelineBucketDto[] = Array.from({ length: grid.count }, (_, i) => ({
      at: new Date(grid.fromMs + i * stepMs).toISOString(),
      submitted: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      lost: 0,
    }));
    const scan = jobScan(id, test);
    if (scan) {
      const bucketGrid = {
        from: new Date(grid.fromMs),
        lastStart: new Date(grid.fromMs + (grid.count - 1) * stepMs),
        stepSeconds: grid.stepSeconds,
      };
      const rows = fromJobs
        ? await this.series.timelineFromJobs(scan, bucketGrid)
        : await this.series.timelineFromRollups(id, bucketGrid);
      addRows(buckets, rows, grid.fromMs, stepMs);
    }
    return {
      testId: id,
      from: buckets[0].at,
      to: new Date(grid.fromMs + grid.count * stepMs).toISOString(),
      bucketSeconds: grid.stepSeconds,
      countedBy: fromJobs ? 'finish' : 'submission',
      buckets,
    };
  }

  async stats(id: string): Promise<TestStatsDto> {
    const test = await this.find(id);
    let scan = jobScan(id, test);
    let submittedSince: Date | null = null;
    if (scan && test.finished > STATS_MAX_JOBS) {
      submittedSince = await this.newestHoursHolding(id, STATS_MAX_JOBS);
      scan = { ...scan, from: submittedSince };
    }
    const queues = scan ? await this.series.queueStats(scan) : [];
    return {
      testId: id,
      submittedSince: submittedSince?.toISOString() ?? null,
      wallTime: scan ? await this.histogram(scan, queues) : emptyHistogram(),
      queues: queues.map(({ queueId, completed, failed, meanWallSeconds, cpuEfficiency, eventsPerSecond }) => ({
        queueId,
        completed,
        failed,
        meanWallSeconds,
        cpuEfficiency,
        eventsPerSecond,
      })),
    };
  }

  async errors(id: string): Promise<TestErrorsDto> {
    const test = await this.find(id);
    let scan = jobScan(id, test);
    let submittedSince: Date | null = null;
    if (scan && test.finished > ERRORS_MAX_JOBS) {
      submittedSince = await this.newestHoursHolding(id, ERRORS_MAX_JOBS);
      scan = { ...scan, from: submittedSince };
    }
    const errors = scan ? await this.series.latestErrors(scan) : [];
    return {
      submittedSince: submittedSince?.toISOString() ?? null,
      items: errors.map((error) => ({ ...error, at: error.at.toISOString() })),
    };
  }

  private async histogram(
    scan: JobScan,
    queues: Awaited<ReturnType<TestSeriesRepository['queueStats']>>,
  ): Promise<WallTimeHistogramDto> {
    const jobs = queues.reduce((sum, queue) => sum + queue.completed + queue.failed, 0);
    if (jobs === 0) {
      return emptyHistogram();
    }
    const min = Math.min(...queues.map((queue) => queue.minWallSeconds));
    const max = Math.max(...queues.map((queue) => queue.maxWallSeconds));
    const { lowest, width, count, edges } = wallTimeBins(min, max);
    const counted = await this.series.wallTimeBins(scan, { lowest, width, lastBin: count - 1 });
    const byBin = new Map(counted.map((row) => [row.bin, row]));
    return {
      jobs,
      binSeconds: width,
      meanSeconds: queues.reduce((sum, queue) => sum + queue.wallSecondsSum, 0) / jobs,
      bins: Array.from({ length: count }, (_, bin) => ({
        fromSeconds: edges[bin],
        toSeconds: edges[bin + 1],
        completed: byBin.get(bin)?.completed ?? 0,
        failed: byBin.get(bin)?.failed ?? 0,
      })),
    };
  }

  /** The start of the newest submission hours whose completed and failed jobs reach `jobs`. */
  private async newestHoursHolding(id: string, jobs: number): Promise<Date> {
    const hours = await this.series.finishedPerHour(id);
    let sum = 0;
    for (const { hour, finished } of hours) {
      sum += finished;
      if (sum >= jobs) {
        return hour;
      }
    }
    return hours[hours.length - 1].hour;
  }

  private async find(id: string): Promise<TestSeriesRecord> {
    const test = await this.series.find(id);
    if (!test) {
      throw new ApiException(ApiErrorCode.TestNotFound, `test ${id} does not exist`);
    }
    return test;
  }
}

function isLive(test: TestSeriesRecord): boolean {
  return test.state === 'scheduled' || test.state === 'running';
}

/** The test's jobs: submitted from its first rollup hour to the end of its last; null when it has none. */
function jobScan(testId: string, test: TestSeriesRecord): JobScan | null {
  if (test.firstHour === null || test.lastHour === null || test.jobs === 0) {
    return null;
  }
  return { testId, from: test.firstHour, to: new Date(test.lastHour.getTime() + HOUR_MS) };
}

function addRows(buckets: TimelineBucketDto[], rows: readonly TimelineRow[], fromMs: number, stepMs: number): void {
  for (const { at, ...counts } of rows) {
    const bucket = buckets[Math.round((at.getTime() - fromMs) / stepMs)];
    if (bucket === undefined) {
      continue;
    }
    bucket.submitted += counts.submitted ?? 0;
    bucket.completed += counts.completed ?? 0;
    bucket.failed += counts.failed ?? 0;
    bucket.cancelled += counts.cancelled ?? 0;
    bucket.lost += counts.lost ?? 0;
  }
}

function emptyHistogram(): WallTimeHistogramDto {
  return { jobs: 0, binSeconds: null, meanSeconds: null, bins: [] };
}
