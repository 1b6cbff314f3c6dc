import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import type { DataSource } from 'typeorm';
import { seedGrid, seedStressTemplate } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

interface SeededJob {
  id?: string;
  queue: string;
  submitted: number;
  state: 'submitted' | 'running' | 'completed' | 'failed' | 'cancelled' | 'lost';
  finished?: number;
  wall?: number;
  cpu?: number;
  events?: number;
  exitCode?: number;
  errorClass?: 'site' | 'central' | 'workload' | 'unknown';
  errorMessage?: string;
}

interface Bucket {
  at: string;
  submitted: number;
  completed: number;
  failed: number;
  cancelled: number;
  lost: number;
}

async function seedTest(
  db: DataSource,
  templateId: string,
  test: { state: string; startAt: Date; endAt: Date; startedAt: Date | null; finishedAt: Date | null },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, started_at,
                        finished_at, created_by)
     VALUES ($1, $2, 1, 'stress', false, $3, $4, $5, $6, $7, 'tester')`,
    [id, templateId, test.state, test.startAt, test.endAt, test.startedAt, test.finishedAt],
  );
  await db.query(`INSERT INTO test_queues (test_id, queue_id) VALUES ($1, 'cern-q1'), ($1, 'bnl-q1')`, [id]);
  return id;
}

/** Jobs at times in ms since `base`, and their hourly rollups as the ingester would have written them. */
async function seedJobs(db: DataSource, testId: string, base: number, jobs: readonly SeededJob[]): Promise<void> {
  for (const job of jobs) {
    await db.query(
      `INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, state, finished_at, wall_seconds, cpu_seconds,
                         events, exit_code, error_class, error_message)
       VALUES ($1, $2, $3, $4, 'sim', $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        job.id ?? randomUUID(),
        new Date(base + job.submitted),
        testId,
        job.queue,
        job.state,
        job.finished === undefined ? null : new Date(base + job.finished),
        job.wall ?? null,
        job.cpu ?? null,
        job.events ?? null,
        job.exitCode ?? null,
        job.errorClass ?? null,
        job.errorMessage ?? null,
      ],
    );
  }
  await db.query(
    `INSERT INTO job_rollups (test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost, total,
                              wall_seconds_sum, cpu_seconds_sum, events_sum)
     SELECT test_id, queue_id, date_trunc('hour', submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
            count(*) FILTER (WHERE state = 'submitted'), count(*) FILTER (WHERE state = 'running'),
            count(*) FILTER (WHERE state = 'completed'), count(*) FILTER (WHERE state = 'failed'),
            count(*) FILTER (WHERE state = 'cancelled'), count(*) FILTER (WHERE state = 'lost'), count(*),
            COALESCE(sum(wall_seconds), 0), COALESCE(sum(cpu_seconds), 0), COALESCE(sum(events), 0)
       FROM jobs WHERE test_id = $1 GROUP BY 1, 2, 3`,
    [testId],
  );
}

/** The buckets with any job, by index: `{ 12: { completed: 1, failed: 1 } }`. */
function nonEmpty(buckets: readonly Bucket[]): Record<number, Partial<Bucket>> {
  const found: Record<number, Partial<Bucket>> = {};
  buckets.forEach(({ at: _at, ...counts }, index) => {
    const some = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    if (Object.keys(some).length > 0) {
      found[index] = some;
    }
  });
  return found;
}

describe('a test’s timeline, stats and latest errors (GET /api/v1/tests/:id/timeline, /stats, /errors)', () => {
  let gateway: GatewayUnderTest;
  let http: App;
  let db: DataSource;
  const templateId = randomUUID();
  // A whole hour a day ago: in the daily partitions the migrations made (today − 2 days onwards).
  const base = Math.floor((Date.now() - 24 * HOUR) / HOUR) * HOUR;
  let shortTest: string;

  beforeAll(async () => {
    gateway = await startGateway({ env: { ANVIL_GATEWAY_SERIES_CACHE_MS: '0', ANVIL_ANONYMOUS_READS: 'false' } });
    http = gateway.app.getHttpServer();
    db = gateway.db.dataSource;
    await seedGrid(db);
    await seedStressTemplate(db, templateId, 'series');
    // Ten minutes, finished: 5-second buckets, counted from the jobs.
    shortTest = await seedTest(db, templateId, {
      state: 'completed',
      startAt: new Date(base),
      endAt: new Date(base + HOUR),
      startedAt: new Date(base),
      finishedAt: new Date(base + 10 * MINUTE),
    });
    await seedJobs(db, shortTest, base, [
      { queue: 'cern-q1', submitted: 0, state: 'completed', finished: 60 * SECOND, wall: 50, cpu: 40, events: 500 },
      { queue: 'cern-q1', submitted: 3 * SECOND, state: 'failed', finished: 62 * SECOND, wall: 55 },
      {
        queue: 'bnl-q1',
        submitted: 100 * SECOND,
        state: 'completed',
        finished: 301 * SECOND,
        wall: 200,
        cpu: 100,
        events: 1000,
      },
      { queue: 'bnl-q1', submitted: 100 * SECOND, state: 'cancelled', finished: 120 * SECOND },
      // Lost after the test finished: in the last bucket.
      { queue: 'bnl-q1', submitted: 200 * SECOND, state: 'lost', finished: 15 * MINUTE },
      {
        queue: 'cern-q1',
        submitted: 400 * SECOND,
        state: 'completed',
        finished: 460 * SECOND,
        wall: 60,
        cpu: 60,
        events: 1200,
      },
      { queue: 'cern-q1', submitted: 590 * SECOND, state: 'running' },
    ]);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const timeline = async (id: string) =>
    (await request(http).get(`/api/v1/tests/${id}/timeline`).set(gateway.auth('viewer')).expect(200)).body;
  const stats = async (id: string) =>
    (await request(http).get(`/api/v1/tests/${id}/stats`).set(gateway.auth('viewer')).expect(200)).body;
  const errors = async (id: string) =>
    (await request(http).get(`/api/v1/tests/${id}/errors`).set(gateway.auth('viewer')).expect(200)).body;

  describe('timeline', () => {
    it('cuts a ten-minute test into 120 five-second buckets and counts each job where it was submitted and finished', async () => {
      const body = await timeline(shortTest);

      expect(body).toMatchObject({
        testId: shortTest,
        from: new Date(base).toISOString(),
        to: new Date(base + 10 * MINUTE).toISOString(),
        bucketSeconds: 5,
        countedBy: 'finish',
      });
      expect(body.buckets).toHaveLength(120);
      expect(body.buckets[1].at).toBe(new Date(base + 5 * SECOND).toISOString());
      expect(nonEmpty(body.buckets)).toEqual({
        0: { submitted: 2 },
        12: { completed: 1, failed: 1 },
        20: { submitted: 2 },
        24: { cancelled: 1 },
        40: { submitted: 1 },
        60: { completed: 1 },
        80: { submitted: 1 },
        92: { completed: 1 },
        118: { submitted: 1 },
        119: { lost: 1 },
      });
    });

    it('reads a test longer than 60 hours from the hourly rollups, by submission hour, up to now', async () => {
      const start = Math.floor((Date.now() - 70 * HOUR) / HOUR) * HOUR;
      const id = await seedTest(db, templateId, {
        state: 'running',
        startAt: new Date(start),
        endAt: new Date(start + 100 * HOUR),
        startedAt: new Date(start),
        finishedAt: null,
      });
      await seedJobs(db, id, start, [
        { queue: 'cern-q1', submitted: 90 * MINUTE, state: 'completed', finished: 200 * MINUTE, wall: 10 },
        { queue: 'bnl-q1', submitted: 100 * MINUTE, state: 'failed', finished: 101 * MINUTE, wall: 10 },
        { queue: 'bnl-q1', submitted: 50 * HOUR, state: 'running' },
        { queue: 'cern-q1', submitted: 50 * HOUR + 5 * MINUTE, state: 'completed', finished: 52 * HOUR, wall: 1 },
      ]);

      const body = await timeline(id);

      expect(body).toMatchObject({ from: new Date(start).toISOString(), bucketSeconds: 3600, countedBy: 'submission' });
      expect(body.buckets).toHaveLength(Math.ceil((Date.now() - start) / HOUR));
      expect(nonEmpty(body.buckets)).toEqual({
        1: { submitted: 2, completed: 1, failed: 1 },
        50: { submitted: 2, completed: 1 },
      });
    });

    it('reads a test with more than 500,000 jobs from the rollups, in buckets of an hour or more', async () => {
      const id = await seedTest(db, templateId, {
        state: 'completed',
        startAt: new Date(base),
        endAt: new Date(base + 2 * HOUR),
        startedAt: new Date(base),
        finishedAt: new Date(base + 2 * HOUR),
      });
      // As if 600,000 jobs had run in the second hour (their rows are not needed: the rollups are read).
      await db.query(
        `INSERT INTO job_rollups (test_id, queue_id, hour, completed, failed, total)
         VALUES ($1, 'cern-q1', $2, 550000, 50000, 600000)`,
        [id, new Date(base + HOUR)],
      );

      const body = await timeline(id);

      expect(body).toMatchObject({ bucketSeconds: 3600, countedBy: 'submission' });
      expect(nonEmpty(body.buckets)).toEqual({ 1: { submitted: 600000, completed: 550000, failed: 50000 } });
    });

    it('gives a test without jobs a minute of empty one-second buckets from its start', async () => {
      const start = Date.now() + HOUR;
      const id = await seedTest(db, templateId, {
        state: 'scheduled',
        startAt: new Date(start),
        endAt: new Date(start + HOUR),
        startedAt: null,
        finishedAt: null,
      });

      const body = await timeline(id);

      expect(body.bucketSeconds).toBe(1);
      expect(body.buckets.length).toBeGreaterThanOrEqual(60);
      expect(body.buckets.length).toBeLessThanOrEqual(61);
      expect(nonEmpty(body.buckets)).toEqual({});
    });
  });

  describe('stats', () => {
    it('bins the wall times of completed and failed jobs and sums up each queue', async () => {
      const body = await stats(shortTest);

      expect(body.testId).toBe(shortTest);
      expect(body.submittedSince).toBeNull();
      // 50–200 s in 5 s bins: 31 bins from 50.
      expect(body.wallTime).toMatchObject({ jobs: 4, binSeconds: 5, meanSeconds: 91.25 });
      expect(body.wallTime.bins).toHaveLength(31);
      expect(body.wallTime.bins[0]).toEqual({ fromSeconds: 50, toSeconds: 55, completed: 1, failed: 0 });
      const filled = body.wallTime.bins
        .map((bin: { completed: number; failed: number }, index: number) => [index, bin.completed, bin.failed])
        .filter(([, completed, failed]: number[]) => completed + failed > 0);
      expect(filled).toEqual([
        [0, 1, 0],
        [1, 0, 1],
        [2, 1, 0],
        [30, 1, 0],
      ]);
      expect(body.queues).toEqual([
        {
          queueId: 'bnl-q1',
          completed: 1,
          failed: 0,
          meanWallSeconds: 200,
          cpuEfficiency: 0.5,
          eventsPerSecond: 5,
        },
        {
          queueId: 'cern-q1',
          completed: 2,
          failed: 1,
          meanWallSeconds: 55,
          // CPU time of the jobs that reported it: (40 + 60) / (50 + 60).
          cpuEfficiency: expect.closeTo(100 / 110, 10),
          // Mean of 500/50 and 1200/60.
          eventsPerSecond: 15,
        },
      ]);
    });

    it('reads only the newest submission hours holding 200,000 finished jobs of a larger test', async () => {
      const id = await seedTest(db, templateId, {
        state: 'completed',
        startAt: new Date(base),
        endAt: new Date(base + 3 * HOUR),
        startedAt: new Date(base),
        finishedAt: new Date(base + 3 * HOUR),
      });
      await seedJobs(db, id, base, [
        { queue: 'cern-q1', submitted: 10 * MINUTE, state: 'completed', finished: 30 * MINUTE, wall: 1000 },
        { queue: 'cern-q1', submitted: 2 * HOUR, state: 'completed', finished: 2 * HOUR + MINUTE, wall: 10 },
        { queue: 'bnl-q1', submitted: 2 * HOUR + MINUTE, state: 'failed', finished: 2 * HOUR + 2 * MINUTE, wall: 20 },
      ]);
      // The hour before the last holds 250,000 more (rows not needed: only their rollups are read).
      await db.query(
        `INSERT INTO job_rollups (test_id, queue_id, hour, completed, total) VALUES ($1, 'bnl-q2', $2, 250000, 250000)`,
        [id, new Date(base + HOUR)],
      );

      const body = await stats(id);

      expect(body.submittedSince).toBe(new Date(base + HOUR).toISOString());
      expect(body.wallTime).toMatchObject({ jobs: 2, binSeconds: 0.5, meanSeconds: 15 });
      expect(body.queues.map((queue: { queueId: string }) => queue.queueId)).toEqual(['bnl-q1', 'cern-q1']);
    });

    it('is empty for a test without finished jobs', async () => {
      const id = await seedTest(db, templateId, {
        state: 'running',
        startAt: new Date(base),
        endAt: new Date(base + 48 * HOUR),
        startedAt: new Date(base),
        finishedAt: null,
      });
      await seedJobs(db, id, base, [{ queue: 'cern-q1', submitted: MINUTE, state: 'running' }]);

      expect(await stats(id)).toEqual({
        testId: id,
        submittedSince: null,
        wallTime: { jobs: 0, binSeconds: null, meanSeconds: null, bins: [] },
        queues: [],
      });
    });
  });

  describe('errors', () => {
    it('gives each queue with a failed job the one that failed last, and leaves out queues without', async () => {
      const id = await seedTest(db, templateId, {
        state: 'completed',
        startAt: new Date(base),
        endAt: new Date(base + HOUR),
        startedAt: new Date(base),
        finishedAt: new Date(base + 20 * MINUTE),
      });
      const cernLatest = randomUUID();
      const bnlLatest = randomUUID();
      await seedJobs(db, id, base, [
        // cern-q1: the job submitted first failed last.
        {
          id: cernLatest,
          queue: 'cern-q1',
          submitted: 10 * SECOND,
          state: 'failed',
          finished: 300 * SECOND,
          exitCode: 137,
          errorClass: 'site',
          errorMessage: 'killed: out of memory',
        },
        {
          queue: 'cern-q1',
          submitted: 200 * SECOND,
          state: 'failed',
          finished: 250 * SECOND,
          exitCode: 1,
          errorClass: 'workload',
          errorMessage: 'segfault',
        },
        { queue: 'cern-q1', submitted: 500 * SECOND, state: 'completed', finished: 900 * SECOND, exitCode: 0 },
        { queue: 'cern-q1', submitted: 600 * SECOND, state: 'cancelled', finished: 950 * SECOND },
        // bnl-q2: a failure without a finish time counts at its submission, after the other one's finish.
        {
          queue: 'bnl-q2',
          submitted: 50 * SECOND,
          state: 'failed',
          finished: 90 * SECOND,
          exitCode: 2,
          errorClass: 'central',
          errorMessage: 'proxy expired',
        },
        { id: bnlLatest, queue: 'bnl-q2', submitted: 100 * SECOND, state: 'failed' },
        // bnl-q1: no failure.
        { queue: 'bnl-q1', submitted: 20 * SECOND, state: 'completed', finished: 400 * SECOND, exitCode: 0 },
        { queue: 'bnl-q1', submitted: 30 * SECOND, state: 'lost', finished: 500 * SECOND },
        { queue: 'bnl-q1', submitted: 40 * SECOND, state: 'running' },
      ]);

      expect(await errors(id)).toEqual({
        submittedSince: null,
        items: [
          {
            queueId: 'bnl-q2',
            jobId: bnlLatest,
            at: new Date(base + 100 * SECOND).toISOString(),
            exitCode: null,
            errorClass: null,
            errorMessage: null,
          },
          {
            queueId: 'cern-q1',
            jobId: cernLatest,
            at: new Date(base + 300 * SECOND).toISOString(),
            exitCode: 137,
            errorClass: 'site',
            errorMessage: 'killed: out of memory',
          },
        ],
      });
    });

    it('reads only the newest submission hours holding 200,000 finished jobs of a larger test', async () => {
      const id = await seedTest(db, templateId, {
        state: 'completed',
        startAt: new Date(base),
        endAt: new Date(base + 3 * HOUR),
        startedAt: new Date(base),
        finishedAt: new Date(base + 3 * HOUR),
      });
      const latest = randomUUID();
      await seedJobs(db, id, base, [
        // In the first hour: outside the hours read.
        { queue: 'bnl-q1', submitted: 10 * MINUTE, state: 'failed', finished: 20 * MINUTE, errorMessage: 'old' },
        {
          id: latest,
          queue: 'cern-q1',
          submitted: 2 * HOUR,
          state: 'failed',
          finished: 2 * HOUR + MINUTE,
          exitCode: 3,
          errorClass: 'unknown',
          errorMessage: 'new',
        },
      ]);
      await db.query(
        `INSERT INTO job_rollups (test_id, queue_id, hour, completed, total) VALUES ($1, 'bnl-q2', $2, 250000, 250000)`,
        [id, new Date(base + HOUR)],
      );

      expect(await errors(id)).toEqual({
        submittedSince: new Date(base + HOUR).toISOString(),
        items: [
          {
            queueId: 'cern-q1',
            jobId: latest,
            at: new Date(base + 2 * HOUR + MINUTE).toISOString(),
            exitCode: 3,
            errorClass: 'unknown',
            errorMessage: 'new',
          },
        ],
      });
    });

    it('is empty for a test without failed jobs, and for one without jobs', async () => {
      const id = await seedTest(db, templateId, {
        state: 'running',
        startAt: new Date(base),
        endAt: new Date(base + 48 * HOUR),
        startedAt: new Date(base),
        finishedAt: null,
      });
      await seedJobs(db, id, base, [
        { queue: 'cern-q1', submitted: MINUTE, state: 'completed', finished: 2 * MINUTE, exitCode: 0 },
        { queue: 'bnl-q1', submitted: MINUTE, state: 'running' },
      ]);
      const empty = await seedTest(db, templateId, {
        state: 'scheduled',
        startAt: new Date(Date.now() + HOUR),
        endAt: new Date(Date.now() + 2 * HOUR),
        startedAt: null,
        finishedAt: null,
      });

      expect(await errors(id)).toEqual({ submittedSince: null, items: [] });
      expect(await errors(empty)).toEqual({ submittedSince: null, items: [] });
    });
  });

  it.each(['timeline', 'stats', 'errors'])(
    'answers %s of an unknown test with 404, of a bad id with 400',
    async (series) => {
      const missing = await request(http).get(`/api/v1/tests/${randomUUID()}/${series}`).set(gateway.auth('viewer'));
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'TEST_NOT_FOUND' });

      const bad = await request(http).get(`/api/v1/tests/not-a-uuid/${series}`).set(gateway.auth('viewer'));
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'id', problem: 'must be a UUID' }],
      });
    },
  );

  it.each(['timeline', 'stats', 'errors'])('needs a token for %s when anonymous reads are off', async (series) => {
    const response = await request(http).get(`/api/v1/tests/${shortTest}/${series}`);
    expect(response.status).toBe(401);
  });
});
