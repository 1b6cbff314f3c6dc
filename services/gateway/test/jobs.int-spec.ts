import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { jobByIdSql, jobPageSql, jobScanEndSql } from '../src/jobs/job-page.sql';
import type { JobFilter } from '../src/jobs/job-filter';
import { JOB_SCAN_LIMIT } from '../src/jobs/jobs.service';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

interface JobItem {
  id: string;
  testId: string;
  queueId: string;
  state: string;
  submittedAt: string;
}

interface JobPage {
  items: JobItem[];
  nextCursor: string | null;
  limit: number;
}

// Plan nodes that read a table or sort without an index: none may appear in a jobs query's plan.
const UNINDEXED = ['Seq Scan', 'Sort', 'Bitmap Heap Scan'];

describe('jobs API', () => {
  let gateway: GatewayUnderTest;
  let http: App;
  const testA = randomUUID();
  const testB = randomUUID();
  const testC = randomUUID();
  const rareFailure = randomUUID();
  const detailed = randomUUID();
  /** Every job of test A and B, newest first, as the API orders them. */
  let expected: { id: string; testId: string; queueId: string; state: string; submittedAt: string }[];

  const get = (path: string) => request(http).get(path).set(gateway.auth('viewer'));

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    const db = gateway.db.dataSource;
    await seedGrid(db);
    // Tests A and B: 60 jobs each over two days (today's and yesterday's partitions), every fifth job in a pair
    // submitted at the same microsecond, so that the id decides their order; states cycle.
    await db.query(
      `INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, state)
       SELECT gen_random_uuid(),
              date_trunc('day', now()) - interval '20 hours' + (n / 2 * 2 + CASE WHEN n % 5 = 0 THEN 0 ELSE n % 2 END)
                * interval '1 hour 0.000123 seconds',
              CASE WHEN n % 2 = 0 THEN $1::uuid ELSE $2::uuid END,
              CASE WHEN n % 3 = 0 THEN 'cern-q1' ELSE 'bnl-q1' END,
              'sim',
              (ARRAY['submitted', 'running', 'completed', 'failed', 'cancelled', 'lost'])[1 + n % 6]
         FROM generate_series(1, 120) n`,
      [testA, testB],
    );
    // Test C: more jobs than one request examines, only the oldest failed; in the default partition (2020).
    await db.query(
      `INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, state)
       SELECT CASE WHEN n = 1 THEN $2::uuid ELSE gen_random_uuid() END,
              '2020-01-01T00:00:00Z'::timestamptz + n * interval '1 second', $1, 'cern-q2', 'slurm',
              CASE WHEN n = 1 THEN 'failed' ELSE 'completed' END
         FROM generate_series(1, ${JOB_SCAN_LIMIT + 500}) n`,
      [testC, rareFailure],
    );
    await db.query(
      `INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, backend_job_id, submitter_id, state,
                         started_at, finished_at, exit_code, error_class, error_message, wall_seconds, cpu_seconds,
                         max_rss_kb, stage_in_seconds, events, metrics)
       VALUES ($1, '2020-02-01T10:00:00.123456Z', $2, 'bnl-q2', 'panda', 'panda-42', 'submitter-1', 'failed',
               '2020-02-01T10:01:00Z', '2020-02-01T10:05:00Z', 66, 'site', 'input file missing', 240.5, 200.25,
               2097152, 3.5, 1200, '{"rate": 2.5}')`,
      [detailed, testB],
    );
    await db.query(`ANALYZE jobs`);
    expected = await db.query(
      `SELECT id, test_id AS "testId", queue_id AS "queueId", state,
              to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt"
         FROM jobs WHERE test_id IN ($1, $2) ORDER BY submitted_at DESC, id DESC`,
      [testA, testB],
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  /** Follows `nextCursor` from the first page to the last. */
  async function allPages(query: string): Promise<{ pages: JobPage[]; items: JobItem[] }> {
    const pages: JobPage[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page: JobPage = (await get(`/api/v1/jobs?${query}${suffix}`).expect(200)).body;
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 100);
    return { pages, items: pages.flatMap((p) => p.items) };
  }

  const brief = (jobs: JobItem[]) =>
    jobs.map(({ id, testId, queueId, state, submittedAt }) => ({ id, testId, queueId, state, submittedAt }));

  describe('GET /api/v1/jobs/:id', () => {
    it('gives every field of the job', async () => {
      const response = await get(`/api/v1/jobs/${detailed}`).expect(200);
      expect(response.body).toEqual({
        id: detailed,
        testId: testB,
        queueId: 'bnl-q2',
        backend: 'panda',
        backendJobId: 'panda-42',
        submitterId: 'submitter-1',
        state: 'failed',
        submittedAt: '2020-02-01T10:00:00.123Z',
        startedAt: '2020-02-01T10:01:00.000Z',
        finishedAt: '2020-02-01T10:05:00.000Z',
        updatedAt: expect.any(String),
        exitCode: 66,
        errorClass: 'site',
        errorMessage: 'input file missing',
        wallSeconds: 240.5,
        cpuSeconds: 200.25,
        maxRssKb: 2097152,
        stageInSeconds: 3.5,
        events: 1200,
        metrics: { rate: 2.5 },
      });
    });

    it('says null for what a job does not have yet', async () => {
      const response = await get(`/api/v1/jobs/${expected[0].id}`).expect(200);
      expect(response.body).toMatchObject({ backendJobId: null, submitterId: null, exitCode: null, events: null });
    });

    it('answers 404 for an unknown job and 400 for a malformed id', async () => {
      expect((await get(`/api/v1/jobs/${randomUUID()}`).expect(404)).body.code).toBe('JOB_NOT_FOUND');
      const malformed = await get('/api/v1/jobs/42').expect(400);
      expect(malformed.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });
  });

  describe('GET /api/v1/jobs', () => {
    it('pages through the jobs of a test, newest first, each job once, ties in id order', async () => {
      const { pages, items } = await allPages(`test=${testA}&limit=7`);
      const want = expected.filter((j) => j.testId === testA);
      expect(brief(items)).toEqual(want);
      expect(pages.map((p) => p.items.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
      expect(pages[0].limit).toBe(7);
    });

    it('ends with a null cursor when the last page is exactly full', async () => {
      const { pages, items } = await allPages(`test=${testA}&limit=30`);
      expect(items).toHaveLength(60);
      expect(pages.map((p) => p.items.length)).toEqual([30, 30]);
    });

    it('keeps a queue, alone or with a test', async () => {
      const queue = await allPages('queue=cern-q1&limit=500');
      expect(brief(queue.items)).toEqual(expected.filter((j) => j.queueId === 'cern-q1'));
      const both = await allPages(`test=${testB}&queue=bnl-q1&limit=9`);
      expect(brief(both.items)).toEqual(expected.filter((j) => j.testId === testB && j.queueId === 'bnl-q1'));
    });

    it('keeps a state, paging over the jobs that have it', async () => {
      const { items } = await allPages(`test=${testA}&state=completed&limit=4`);
      expect(brief(items)).toEqual(expected.filter((j) => j.testId === testA && j.state === 'completed'));
      expect(items.length).toBeGreaterThan(4);
    });

    it('examines a bounded number of jobs per request: a short page can have a next one', async () => {
      const { pages, items } = await allPages(`test=${testC}&state=failed`);
      expect(items.map((j) => j.id)).toEqual([rareFailure]);
      expect(pages[0]).toMatchObject({ items: [], nextCursor: expect.any(String) });
      expect(pages).toHaveLength(2);
      const everything = await allPages(`test=${testC}&limit=500`);
      expect(everything.items).toHaveLength(JOB_SCAN_LIMIT + 500);
    });

    it('keeps the submission time range, a date meaning UTC midnight', async () => {
      const since = expected[30].submittedAt;
      const until = expected[10].submittedAt;
      const { items } = await allPages(`test=${testA}&submittedSince=${since}&submittedUntil=${until}&limit=3`);
      const inRange = (j: { submittedAt: string }) =>
        Date.parse(j.submittedAt) >= Date.parse(since) && Date.parse(j.submittedAt) < Date.parse(until);
      expect(brief(items)).toEqual(expected.filter((j) => j.testId === testA && inRange(j)));
      const day = await get(`/api/v1/jobs?test=${testC}&submittedSince=2020-01-01&submittedUntil=2020-01-02`);
      expect(day.body.items).toHaveLength(50);
      const none = await get(`/api/v1/jobs?test=${testC}&submittedUntil=2020-01-01`).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null, limit: 50 });
    });

    it('refuses a list without a test or a queue, naming test', async () => {
      const response = await get('/api/v1/jobs?state=failed').expect(400);
      expect(response.body.details).toEqual([{ field: 'test', problem: 'is required unless queue is given' }]);
    });

    it('refuses a cursor it did not make, naming cursor', async () => {
      for (const cursor of ['nonsense', Buffer.from('2030-02-30T00:00:00.000000Z|x').toString('base64url')]) {
        const response = await get(`/api/v1/jobs?test=${testA}&cursor=${cursor}`).expect(400);
        expect(response.body.details).toEqual([
          { field: 'cursor', problem: 'must be the nextCursor of a previous page' },
        ]);
      }
    });

    it('refuses malformed filters, naming each', async () => {
      const response = await get('/api/v1/jobs?test=abc&queue=a.b&state=done&limit=0&submittedSince=soon').expect(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'limit',
        'queue',
        'state',
        'submittedSince',
        'test',
      ]);
      const backwards = await get(`/api/v1/jobs?test=${testA}&submittedSince=2030-01-02&submittedUntil=2030-01-01`);
      expect(backwards.status).toBe(400);
      expect(backwards.body.details).toEqual([
        { field: 'submittedUntil', problem: 'must be later than submittedSince' },
      ]);
    });
  });

  describe('query plans', () => {
    /** The plan's node types and index names, with sequential scans and sorts made as costly as can be. */
    async function plan(sql: { text: string; values: unknown[] }): Promise<{ nodes: string[]; indexes: string[] }> {
      const runner = gateway.db.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        for (const setting of ['enable_seqscan', 'enable_sort', 'enable_bitmapscan']) {
          await runner.query(`SET LOCAL ${setting} = off`);
        }
        const rows: { 'QUERY PLAN': unknown }[] = await runner.query(`EXPLAIN (FORMAT JSON) ${sql.text}`, sql.values);
        const nodes: string[] = [];
        const indexes: string[] = [];
        const walk = (node: Record<string, unknown>): void => {
          nodes.push(String(node['Node Type']));
          if (typeof node['Index Name'] === 'string') {
            indexes.push(node['Index Name']);
          }
          for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) {
            walk(child);
          }
        };
        walk((rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0].Plan);
        return { nodes, indexes };
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    const after = { submittedAt: '2030-01-01T00:00:00.000000Z', id: randomUUID() };
    const cases: [string, JobFilter, RegExp][] = [
      ['a test', { testId: testA, limit: 50 }, /_test_time_idx$/],
      ['a test after a cursor', { testId: testA, after, limit: 50 }, /_test_time_idx$/],
      // Either index: the planner weighs the queue's share of the test's jobs.
      [
        'a test and a queue',
        { testId: testA, queueId: 'cern-q1', limit: 50 },
        /_test_time_idx$|_test_id_queue_id_submitted_at_idx$/,
      ],
      [
        'a queue in a time range',
        { queueId: 'cern-q1', submittedSince: new Date(), limit: 50 },
        /_queue_id_submitted_at_idx$/,
      ],
      ['a test in a state', { testId: testC, state: 'failed', limit: 50 }, /_test_time_idx$/],
    ];

    it.each(cases)('reads the jobs of %s through an index, without sorting', async (_name, filter, index) => {
      const scanLimit = filter.state === undefined ? filter.limit + 1 : JOB_SCAN_LIMIT;
      for (const sql of [jobPageSql(filter, scanLimit), jobScanEndSql(filter, scanLimit)]) {
        const { nodes, indexes } = await plan(sql);
        expect(nodes.filter((n) => UNINDEXED.includes(n))).toEqual([]);
        expect(indexes.length).toBeGreaterThan(0);
        expect(indexes.every((name) => index.test(name))).toBe(true);
      }
    });

    it('reads one job through the primary key of each partition', async () => {
      const { nodes, indexes } = await plan(jobByIdSql(detailed));
      expect(nodes.filter((n) => UNINDEXED.includes(n))).toEqual([]);
      expect(indexes.every((name) => name.endsWith('_pkey'))).toBe(true);
    });
  });
});
