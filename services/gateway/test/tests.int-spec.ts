import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import Redis from 'ioredis';
import request from 'supertest';
import type { App } from 'supertest/types';
import { provisionStreams } from '@anvil/bus';
import {
  requestTestId,
  STREAMS,
  TestCancelRequestedSchema,
  TestRequestedSchema,
  type TestRequested,
} from '@anvil/contracts';
import { REDIS, redisKey } from '@anvil/db';
import { expectEventually, ServiceProcess, TEST_BUS_SETTINGS } from '@anvil/testing';
import { RenderedJsonCache } from '../src/tests/rendered-json.cache';
import { deleteLiveHash, writeLiveHash, type Counts } from './live-hash';
import { readStream } from './read-stream';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZERO = { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };

describe('tests API', () => {
  let gateway: GatewayUnderTest;
  let http: App;
  let redis: Redis;
  let namespace: string;
  const templateId = randomUUID();
  const runningTest = randomUUID();
  const completedTest = randomUUID();
  const scheduledTest = randomUUID();
  const wideTest = randomUUID();

  async function rollup(testId: string, queueId: string, hour: string, counts: Counts): Promise<void> {
    const c = { ...ZERO, ...counts };
    const total = c.submitted + c.running + c.completed + c.failed + c.cancelled + c.lost;
    await gateway.db.dataSource.query(
      `INSERT INTO job_rollups (test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost, total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [testId, queueId, hour, c.submitted, c.running, c.completed, c.failed, c.cancelled, c.lost, total],
    );
  }

  async function insertTest(id: string, state: string, startAt: string, queues: string[]): Promise<void> {
    await gateway.db.dataSource.query(
      `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, started_at,
                          finished_at, submitter_id, created_by)
       VALUES ($1, $2, 1, 'stress', false, $3, $4, $4::timestamptz + interval '1 day',
               CASE WHEN $3 <> 'scheduled' THEN $4::timestamptz END,
               CASE WHEN $3 IN ('completed', 'cancelled') THEN $4::timestamptz + interval '1 day' END,
               CASE WHEN $3 <> 'scheduled' THEN 'submitter-1' END, 'tester')`,
      [id, templateId, state, startAt],
    );
    await gateway.db.dataSource.query(`INSERT INTO test_queues (test_id, queue_id) SELECT $1, unnest($2::text[])`, [
      id,
      queues,
    ]);
  }

  /** What the ingester's rebuild would write: the test's rollups summed per queue. */
  async function rollupsPerQueue(testId: string): Promise<Record<string, Counts>> {
    const rows: (Counts & { queueId: string })[] = await gateway.db.dataSource.query(
      `SELECT queue_id AS "queueId", sum(submitted)::int AS submitted, sum(running)::int AS running,
              sum(completed)::int AS completed, sum(failed)::int AS failed, sum(cancelled)::int AS cancelled,
              sum(lost)::int AS lost, sum(total)::int AS total
         FROM job_rollups WHERE test_id = $1 GROUP BY queue_id`,
      [testId],
    );
    return Object.fromEntries(rows.map(({ queueId, ...counts }) => [queueId, counts]));
  }

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    namespace = gateway.bus.namespace;
    redis = new Redis('redis://127.0.0.1:6379');
    const db = gateway.db.dataSource;
    await seedGrid(db);
    await db.query(
      `INSERT INTO queues (id, site_id, name, backend)
       SELECT 'wide-q' || n, 'CERN', 'CERN wide ' || n, 'sim' FROM generate_series(1, 4) n`,
    );
    await db.query(
      `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, 'stress-1', 1, true, 'tester')`,
      [templateId],
    );
    await db.query(
      `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
                                      lifetime_seconds, robot, golden, created_by)
       VALUES ($1, 1, 'stress', '{"command": "x"}', '{"backend": "sim"}', '{"minQueueDepth": 1, "maxRunning": 2}',
               3600, false, false, 'tester')`,
      [templateId],
    );
    await insertTest(runningTest, 'running', '2030-01-02T00:00:00Z', ['cern-q1', 'cern-q2', 'bnl-q1']);
    await insertTest(completedTest, 'completed', '2030-01-01T00:00:00Z', ['cern-q1', 'bnl-q2']);
    await insertTest(scheduledTest, 'scheduled', '2030-01-03T00:00:00Z', ['bnl-q1']);
    // Seven queues listed; its jobs on wide-q4 were counted although the test does not list that queue.
    await insertTest(wideTest, 'cancelled', '2029-12-31T00:00:00Z', [
      'wide-q3',
      'cern-q2',
      'wide-q1',
      'bnl-q2',
      'cern-q1',
      'bnl-q1',
      'wide-q2',
    ]);

    // Running test: cern-q1 over three hours, cern-q2 over one, bnl-q1 has no job yet.
    await rollup(runningTest, 'cern-q1', '2030-01-02T00:00:00Z', { completed: 5, failed: 1 });
    await rollup(runningTest, 'cern-q1', '2030-01-02T01:00:00Z', { completed: 3, failed: 2, lost: 1 });
    await rollup(runningTest, 'cern-q1', '2030-01-02T02:00:00Z', { submitted: 2, running: 4 });
    await rollup(runningTest, 'cern-q2', '2030-01-02T01:00:00Z', { running: 1, cancelled: 2 });
    // Completed test: both queues over two hours.
    await rollup(completedTest, 'cern-q1', '2030-01-01T00:00:00Z', { completed: 10 });
    await rollup(completedTest, 'cern-q1', '2030-01-01T01:00:00Z', { completed: 10, failed: 5 });
    await rollup(completedTest, 'bnl-q2', '2030-01-01T00:00:00Z', { failed: 3 });
    await rollup(completedTest, 'bnl-q2', '2030-01-01T05:00:00Z', { failed: 1, lost: 2 });
    // Wide test: one listed queue and the unlisted one.
    await rollup(wideTest, 'wide-q1', '2029-12-31T00:00:00Z', { completed: 4 });
    await rollup(wideTest, 'wide-q4', '2029-12-31T03:00:00Z', { failed: 1, cancelled: 3 });
  });

  /**
   * Forgets the pages rendered so far, as a second's wait would: the list and a test's page may be up to a second
   * old (tested below), and most tests here change data and read it back at once.
   */
  const forgetRenderedPages = (): void => gateway.app.get(RenderedJsonCache, { strict: false }).clear();

  beforeEach(forgetRenderedPages);

  afterEach(async () => {
    for (const testId of [runningTest, completedTest, scheduledTest, wideTest]) {
      await deleteLiveHash(redis, namespace, testId);
    }
  });

  afterAll(async () => {
    redis?.disconnect();
    await gateway?.close();
  });

  /** A read as a viewer. */
  const get = (path: string) => request(http).get(path).set(gateway.auth('viewer'));
  /** A write as an operator. */
  const post = (path: string, body?: object) => {
    const call = request(http).post(path).set(gateway.auth('operator'));
    return body === undefined ? call : call.send(body);
  };

  const runningTotals = {
    submitted: 2,
    running: 5,
    completed: 8,
    failed: 3,
    cancelled: 2,
    lost: 1,
    total: 21,
    failPercent: 27.3,
  };
  const runningSummary = {
    id: runningTest,
    state: 'running',
    kind: 'stress',
    robot: false,
    template: { id: templateId, name: 'stress-1', version: 1 },
    submitterId: 'submitter-1',
    startAt: '2030-01-02T00:00:00.000Z',
    endAt: '2030-01-03T00:00:00.000Z',
    startedAt: '2030-01-02T00:00:00.000Z',
    finishedAt: null,
    queueCount: 3,
    firstQueueIds: ['bnl-q1', 'cern-q1', 'cern-q2'],
    totals: runningTotals,
    countersFrom: 'rollups',
  };
  const runningQueues = [
    { queueId: 'bnl-q1', siteId: 'BNL', ...ZERO, failPercent: null },
    {
      queueId: 'cern-q1',
      siteId: 'CERN',
      ...{ submitted: 2, running: 4, completed: 8, failed: 3, cancelled: 0, lost: 1, total: 18 },
      failPercent: 27.3,
    },
    { queueId: 'cern-q2', siteId: 'CERN', ...ZERO, running: 1, cancelled: 2, total: 3, failPercent: null },
  ];
  const completedSummary = {
    id: completedTest,
    state: 'completed',
    finishedAt: '2030-01-02T00:00:00.000Z',
    queueCount: 2,
    firstQueueIds: ['bnl-q2', 'cern-q1'],
    totals: { ...ZERO, completed: 20, failed: 9, lost: 2, total: 31, failPercent: 31 },
  };
  const wideQueues = [
    { queueId: 'bnl-q1', siteId: 'BNL', ...ZERO, failPercent: null },
    { queueId: 'bnl-q2', siteId: 'BNL', ...ZERO, failPercent: null },
    { queueId: 'cern-q1', siteId: 'CERN', ...ZERO, failPercent: null },
    { queueId: 'cern-q2', siteId: 'CERN', ...ZERO, failPercent: null },
    { queueId: 'wide-q1', siteId: 'CERN', ...ZERO, completed: 4, total: 4, failPercent: 0 },
    { queueId: 'wide-q2', siteId: 'CERN', ...ZERO, failPercent: null },
    { queueId: 'wide-q3', siteId: 'CERN', ...ZERO, failPercent: null },
    { queueId: 'wide-q4', siteId: 'CERN', ...ZERO, failed: 1, cancelled: 3, total: 4, failPercent: 100 },
  ];

  describe('GET /api/v1/tests', () => {
    it('sums the rollups over all queues when there are no live counters, newest test first', async () => {
      const response = await get('/api/v1/tests').expect(200);
      expect(response.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(response.body.items.map((t: { id: string }) => t.id)).toEqual([
        scheduledTest,
        runningTest,
        completedTest,
        wideTest,
      ]);
      expect(response.body.items[1]).toEqual(runningSummary);
      expect(response.body.items[2]).toMatchObject({ ...completedSummary, countersFrom: 'rollups' });
    });

    it('gives the live counters over all queues when the hash has them, equal to the rollups', async () => {
      await writeLiveHash(redis, namespace, runningTest, await rollupsPerQueue(runningTest));
      await writeLiveHash(redis, namespace, completedTest, await rollupsPerQueue(completedTest));
      const response = await get('/api/v1/tests').expect(200);
      expect(response.body.items[1]).toEqual({ ...runningSummary, countersFrom: 'live' });
      expect(response.body.items[2]).toMatchObject({ ...completedSummary, countersFrom: 'live' });
      // The tests without a hash are counted from the rollups in the same page.
      expect(response.body.items[0]).toMatchObject({ totals: { ...ZERO, failPercent: null }, countersFrom: 'rollups' });
      expect(response.body.items[3]).toMatchObject({
        totals: { ...ZERO, completed: 4, failed: 1, cancelled: 3, total: 8 },
      });
    });

    it('answers what the hash holds, not the rollups, while the hash is there', async () => {
      const counts = await rollupsPerQueue(runningTest);
      counts['cern-q1'] = { ...counts['cern-q1'], running: 9, total: 23 };
      await writeLiveHash(redis, namespace, runningTest, counts);
      const response = await get('/api/v1/tests?state=running').expect(200);
      expect(response.body.items[0].totals).toEqual({ ...runningTotals, running: 10, total: 26 });
    });

    it('falls back to the rollups when the hash has no * fields (an ingester from before them)', async () => {
      await writeLiveHash(
        redis,
        namespace,
        runningTest,
        { 'cern-q1': { running: 99, total: 99 } },
        { allQueues: false },
      );
      const response = await get('/api/v1/tests?state=running').expect(200);
      expect(response.body.items[0]).toEqual(runningSummary);
    });

    it('gives the queue count and the first five queues by id', async () => {
      const response = await get('/api/v1/tests?state=cancelled').expect(200);
      expect(response.body.items[0]).toMatchObject({
        id: wideTest,
        queueCount: 7,
        firstQueueIds: ['bnl-q1', 'bnl-q2', 'cern-q1', 'cern-q2', 'wide-q1'],
      });
    });

    it('keeps the queue count right when queues of a test are removed and added', async () => {
      const db = gateway.db.dataSource;
      const count = async (): Promise<number> => (await get(`/api/v1/tests/${wideTest}`).expect(200)).body.queueCount;
      await db.query(`DELETE FROM test_queues WHERE test_id = $1 AND queue_id IN ('bnl-q1', 'bnl-q2')`, [wideTest]);
      forgetRenderedPages();
      expect(await count()).toBe(5);
      await db.query(`INSERT INTO test_queues (test_id, queue_id) VALUES ($1, 'bnl-q1'), ($1, 'bnl-q2')`, [wideTest]);
      forgetRenderedPages();
      expect(await count()).toBe(7);
    });

    it('keeps only the tests in the state asked for', async () => {
      const response = await get('/api/v1/tests?state=completed').expect(200);
      expect(response.body.total).toBe(1);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]).toMatchObject(completedSummary);
    });

    it('pages with limit and offset', async () => {
      const response = await get('/api/v1/tests?limit=1&offset=1').expect(200);
      expect(response.body).toMatchObject({ total: 4, limit: 1, offset: 1 });
      expect(response.body.items.map((t: { id: string }) => t.id)).toEqual([runningTest]);
      const past = await get('/api/v1/tests?limit=10&offset=10').expect(200);
      expect(past.body).toEqual({ items: [], total: 4, limit: 10, offset: 10 });
    });

    it('refuses an unknown state, naming state and the allowed values', async () => {
      const response = await get('/api/v1/tests?state=paused').expect(400);
      expect(response.body.details).toHaveLength(1);
      expect(response.body.details[0].field).toBe('state');
      expect(response.body.details[0].problem).toContain('scheduled, running, completed, cancelled, error');
    });

    it('refuses a limit above 500 and an offset that is not a number', async () => {
      const limit = await get('/api/v1/tests?limit=501').expect(400);
      expect(limit.body.details[0]).toEqual({ field: 'limit', problem: 'must not be greater than 500' });
      const offset = await get('/api/v1/tests?offset=abc').expect(400);
      expect(offset.body.details[0].field).toBe('offset');
    });
  });

  describe('GET /api/v1/tests: filters', () => {
    const benchmarkTemplate = randomUUID();
    const benchmarkTest = randomUUID();

    beforeAll(async () => {
      const db = gateway.db.dataSource;
      await db.query(
        `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, 'bench-1', 1, true, 'tester')`,
        [benchmarkTemplate],
      );
      await db.query(
        `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
                                        lifetime_seconds, robot, golden, created_by)
         VALUES ($1, 1, 'benchmark', '{"command": "x"}', '{"queueIds": ["wide-q3"]}',
                 '{"minQueueDepth": 1, "maxRunning": 2}', 3600, false, false, 'tester')`,
        [benchmarkTemplate],
      );
      await db.query(
        `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, created_by,
                            created_at)
         VALUES ($1, $2, 1, 'benchmark', false, 'completed', '2029-06-01T00:00:00Z', '2029-06-01T01:00:00Z', 'tester',
                 '2020-06-01T00:00:00Z')`,
        [benchmarkTest, benchmarkTemplate],
      );
      await db.query(`INSERT INTO test_queues (test_id, queue_id) VALUES ($1, 'wide-q3')`, [benchmarkTest]);
    });

    const ids = (body: { items: { id: string }[] }): string[] => body.items.map((t) => t.id);

    it('keeps the tests of the template asked for', async () => {
      const response = await get(`/api/v1/tests?template=${benchmarkTemplate}`).expect(200);
      expect(response.body).toMatchObject({ total: 1, items: [{ id: benchmarkTest, template: { name: 'bench-1' } }] });
      expect((await get(`/api/v1/tests?template=${templateId}`).expect(200)).body.total).toBe(4);
    });

    it('keeps the tests of the kind asked for', async () => {
      expect(ids((await get('/api/v1/tests?kind=benchmark').expect(200)).body)).toEqual([benchmarkTest]);
      expect((await get('/api/v1/tests?kind=functional').expect(200)).body).toMatchObject({ items: [], total: 0 });
    });

    it('keeps the tests that run on the queue asked for', async () => {
      expect(ids((await get('/api/v1/tests?queue=bnl-q1').expect(200)).body)).toEqual([
        scheduledTest,
        runningTest,
        wideTest,
      ]);
      expect(ids((await get('/api/v1/tests?queue=wide-q3').expect(200)).body)).toEqual([wideTest, benchmarkTest]);
      expect((await get('/api/v1/tests?queue=nowhere').expect(200)).body.total).toBe(0);
    });

    it('keeps the tests created in the range, a date meaning UTC midnight', async () => {
      const before = await get('/api/v1/tests?createdUntil=2020-06-01T00:00:01Z').expect(200);
      expect(ids(before.body)).toEqual([benchmarkTest]);
      const exclusive = await get('/api/v1/tests?createdUntil=2020-06-01').expect(200);
      expect(exclusive.body.total).toBe(0);
      const after = await get('/api/v1/tests?createdSince=2020-06-02').expect(200);
      expect(after.body.total).toBe(4);
      const inside = await get('/api/v1/tests?createdSince=2020-06-01&createdUntil=2020-06-02').expect(200);
      expect(ids(inside.body)).toEqual([benchmarkTest]);
    });

    it('combines filters with AND and pages the result', async () => {
      const response = await get(`/api/v1/tests?template=${templateId}&queue=cern-q1&limit=1&offset=1`).expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(ids(response.body)).toEqual([completedTest]);
      const none = await get(`/api/v1/tests?kind=benchmark&state=running`).expect(200);
      expect(none.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    });

    it('refuses malformed filters, naming each', async () => {
      const response = await get(
        '/api/v1/tests?template=abc&kind=soak&queue=a.b&createdSince=yesterday&createdUntil=2030-01-01',
      ).expect(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'createdSince',
        'kind',
        'queue',
        'template',
      ]);
      const backwards = await get('/api/v1/tests?createdSince=2030-01-02&createdUntil=2030-01-01').expect(400);
      expect(backwards.body.details).toEqual([{ field: 'createdUntil', problem: 'must be later than createdSince' }]);
    });
  });

  describe('GET /api/v1/tests/:id', () => {
    it('gives the per-queue table from the rollups, with zeros for queues without jobs', async () => {
      const response = await get(`/api/v1/tests/${runningTest}`).expect(200);
      expect(response.body).toEqual({ ...runningSummary, queues: runningQueues });
    });

    it('gives the same table from the live counters when the hash has them', async () => {
      await writeLiveHash(redis, namespace, runningTest, await rollupsPerQueue(runningTest));
      const response = await get(`/api/v1/tests/${runningTest}`).expect(200);
      expect(response.body).toEqual({ ...runningSummary, countersFrom: 'live', queues: runningQueues });
    });

    it('falls back to the rollups when the hash has no * fields', async () => {
      await writeLiveHash(redis, namespace, runningTest, { 'cern-q1': { lost: 7, total: 7 } }, { allQueues: false });
      const response = await get(`/api/v1/tests/${runningTest}`).expect(200);
      expect(response.body).toEqual({ ...runningSummary, queues: runningQueues });
    });

    it('lists a queue the test has jobs on but does not list, with its site, live or not', async () => {
      const fromRollups = await get(`/api/v1/tests/${wideTest}`).expect(200);
      expect(fromRollups.body).toMatchObject({ countersFrom: 'rollups', queueCount: 7, queues: wideQueues });
      await writeLiveHash(redis, namespace, wideTest, await rollupsPerQueue(wideTest));
      forgetRenderedPages();
      const live = await get(`/api/v1/tests/${wideTest}`).expect(200);
      expect(live.body).toMatchObject({ countersFrom: 'live', queues: wideQueues });
      expect(live.body.totals).toEqual({ ...ZERO, completed: 4, failed: 1, cancelled: 3, total: 8, failPercent: 20 });
    });

    it('gives zero totals and a null fail percentage before any job', async () => {
      const response = await get(`/api/v1/tests/${scheduledTest}`).expect(200);
      expect(response.body.queues).toEqual([{ queueId: 'bnl-q1', siteId: 'BNL', ...ZERO, failPercent: null }]);
      expect(response.body.totals).toEqual({ ...ZERO, failPercent: null });
      expect(response.body.submitterId).toBeNull();
    });

    it('answers 404 JSON when the test does not exist', async () => {
      const response = await get(`/api/v1/tests/${randomUUID()}`).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'TEST_NOT_FOUND' });
    });

    it('answers 400 naming id when the id is not a uuid', async () => {
      const response = await get('/api/v1/tests/123').expect(400);
      expect(response.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });
  });

  describe('pages rendered at most once a second', () => {
    it('answers the same page for up to a second, then the counters as they are', async () => {
      const counts = await rollupsPerQueue(runningTest);
      await writeLiveHash(redis, namespace, runningTest, counts);
      const started = performance.now();
      const page = await get(`/api/v1/tests/${runningTest}`).expect(200);
      const list = await get('/api/v1/tests?state=running').expect(200);
      expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(page.headers.etag).toBeUndefined();
      expect(list.body.items[0].totals).toEqual(runningTotals);

      counts['cern-q1'] = { ...counts['cern-q1'], running: 9, total: 23 };
      await writeLiveHash(redis, namespace, runningTest, counts);
      const pageAgain = await get(`/api/v1/tests/${runningTest}`).expect(200);
      const listAgain = await get('/api/v1/tests?state=running').expect(200);
      // Unless the machine took a second over these few requests, they are the pages rendered first.
      if (performance.now() - started < 1000) {
        expect(pageAgain.text).toBe(page.text);
        expect(listAgain.text).toBe(list.text);
      }
      const changed = { ...runningTotals, running: 10, total: 26 };
      await expectEventually(
        async () => {
          expect((await get(`/api/v1/tests/${runningTest}`).expect(200)).body.totals).toEqual(changed);
          expect((await get('/api/v1/tests?state=running').expect(200)).body.items[0].totals).toEqual(changed);
        },
        { timeoutMs: 5000 },
      );
    });
  });

  describe('without Redis', () => {
    it('answers from the rollups while Redis cannot be reached', async () => {
      await writeLiveHash(redis, namespace, runningTest, { 'cern-q1': { running: 50, total: 50 } });
      const client = gateway.app.get<Redis>(REDIS, { strict: false });
      client.disconnect();
      try {
        const list = await get('/api/v1/tests?state=running').expect(200);
        expect(list.body.items[0]).toEqual(runningSummary);
        const one = await get(`/api/v1/tests/${runningTest}`).expect(200);
        expect(one.body).toEqual({ ...runningSummary, queues: runningQueues });
      } finally {
        await client.connect();
      }
    });
  });

  // The writes come last: they add tests, and the scheduler they start cancels and creates some.
  describe('POST /api/v1/tests', () => {
    let functionalTemplate: string;
    let inactiveTemplate: string;

    const templateBody = (name: string, overrides: Record<string, unknown>): Record<string, unknown> => ({
      name,
      workload: { command: '/bin/true' },
      queueSelector: { queueIds: ['cern-q1'] },
      submissionProfile: { minQueueDepth: 1, maxRunning: 2 },
      lifetimeSeconds: 3600,
      ...overrides,
    });

    beforeAll(async () => {
      // robot off: no robot test appears when the scheduler starts below.
      functionalTemplate = (
        await post('/api/v1/templates', templateBody('ping-1', { kind: 'functional', robot: false })).expect(201)
      ).body.id;
      inactiveTemplate = (
        await post('/api/v1/templates', templateBody('retired-1', { kind: 'stress', active: false })).expect(201)
      ).body.id;
    });

    const requested = async (): Promise<TestRequested[]> =>
      (await readStream(gateway.bus.bus, 'TESTS', 'anvil.test.requested')).map((m) =>
        fromBinary(TestRequestedSchema, m.data),
      );

    it('publishes the command with the pinned version, the window and the caller, and audits it', async () => {
      const before = (await requested()).length;
      const startAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 24 * 3600 * 1000);
      const endAt = new Date(startAt.getTime() + 600 * 1000);
      const response = await post('/api/v1/tests', {
        templateId,
        version: 1,
        startAt: startAt.toISOString().replace('.000Z', '+00:00'),
        durationSeconds: 600,
      })
        .set('X-Request-ID', 'req-test-1')
        .expect(202);

      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        requestId: expect.stringMatching(UUID),
        template: { id: templateId, name: 'stress-1', version: 1 },
        kind: 'stress',
        startAt: startAt.toISOString(),
        endAt: endAt.toISOString(),
      });
      expect(response.headers.location).toBe(`/api/v1/tests/${response.body.id}`);
      expect(response.body.id).toBe(requestTestId(response.body.requestId));
      const commands = await requested();
      expect(commands).toHaveLength(before + 1);
      const command = commands[commands.length - 1];
      expect(command).toMatchObject({
        requestId: response.body.requestId,
        templateId,
        templateVersion: 1,
        requestedBy: 'test-operator',
      });
      expect(timestampDate(command.startAt!)).toEqual(startAt);
      expect(timestampDate(command.endAt!)).toEqual(endAt);
      const audit = await gateway.db.dataSource.query(
        `SELECT actor, action, details->>'requestId' AS "commandId", request_id AS "requestId" FROM audit_log
          WHERE target = $1`,
        [`test:${response.body.id}`],
      );
      expect(audit).toEqual([
        {
          actor: 'test-operator',
          action: 'test.requested',
          commandId: response.body.requestId,
          requestId: 'req-test-1',
        },
      ]);
    });

    it('starts now and lasts the template lifetime when no window is given', async () => {
      const sent = Date.now();
      const response = await post('/api/v1/tests', { templateId }).expect(202);
      const startAt = Date.parse(response.body.startAt);
      expect(startAt).toBeGreaterThanOrEqual(sent - 1000);
      expect(Date.parse(response.body.endAt) - startAt).toBe(3600 * 1000);
    });

    async function expectRefused(body: object, status: number, code: string, field: string): Promise<void> {
      const before = (await requested()).length;
      const response = await post('/api/v1/tests', body).expect(status);
      expect(response.body).toMatchObject({ statusCode: status, code, details: [{ field }] });
      expect(await requested()).toHaveLength(before);
    }

    it('refuses a malformed request, naming the field, and sends nothing', async () => {
      await expectRefused({}, 400, 'VALIDATION_FAILED', 'templateId');
      await expectRefused({ templateId: 'stress-1' }, 400, 'VALIDATION_FAILED', 'templateId');
      await expectRefused({ templateId, version: 0 }, 400, 'VALIDATION_FAILED', 'version');
      await expectRefused({ templateId, startAt: 'tomorrow' }, 400, 'VALIDATION_FAILED', 'startAt');
      await expectRefused({ templateId, durationSeconds: 1.5 }, 400, 'VALIDATION_FAILED', 'durationSeconds');
      await expectRefused({ templateId, queues: ['cern-q1'] }, 400, 'VALIDATION_FAILED', 'queues');
      await expectRefused(
        { templateId, startAt: '2030-01-02T00:00:00Z', endAt: '2030-01-01T00:00:00Z' },
        400,
        'VALIDATION_FAILED',
        'endAt',
      );
    });

    it('refuses a window that ends in the past, or that has both an end and a duration', async () => {
      await expectRefused({ templateId, endAt: '2020-01-01T00:00:00Z' }, 400, 'VALIDATION_FAILED', 'endAt');
      await expectRefused({ templateId, startAt: '2020-01-01T00:00:00Z' }, 400, 'VALIDATION_FAILED', 'startAt');
      await expectRefused(
        { templateId, endAt: '2030-01-01T00:00:00Z', durationSeconds: 60 },
        400,
        'VALIDATION_FAILED',
        'durationSeconds',
      );
    });

    it('answers 404 naming the field for an unknown template or version', async () => {
      await expectRefused({ templateId: randomUUID() }, 404, 'TEMPLATE_NOT_FOUND', 'templateId');
      await expectRefused({ templateId, version: 9 }, 404, 'TEMPLATE_VERSION_NOT_FOUND', 'version');
    });

    it('answers 409 for an inactive template and 400 for a functional one', async () => {
      await expectRefused({ templateId: inactiveTemplate }, 409, 'TEMPLATE_INACTIVE', 'templateId');
      await expectRefused({ templateId: functionalTemplate }, 400, 'VALIDATION_FAILED', 'templateId');
    });

    it('refuses a viewer', async () => {
      await request(http).post('/api/v1/tests').set(gateway.auth('viewer')).send({ templateId }).expect(403);
    });

    it('answers 503 and leaves no audit row when the command cannot be published', async () => {
      const bus = gateway.bus.bus;
      const audit = async (): Promise<unknown> =>
        gateway.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'test.%'`);
      const before = await audit();
      await bus.jsm.streams.delete(bus.namespace.stream(STREAMS.TESTS.name));
      try {
        const response = await post('/api/v1/tests', { templateId }).expect(503);
        expect(response.body).toMatchObject({ code: 'COMMAND_NOT_PUBLISHED', details: [] });
        const cancel = await post(`/api/v1/tests/${runningTest}/cancel`).expect(503);
        expect(cancel.body.code).toBe('COMMAND_NOT_PUBLISHED');
        expect(await audit()).toEqual(before);
      } finally {
        await provisionStreams(bus, TEST_BUS_SETTINGS);
      }
    });
  });

  describe('POST /api/v1/tests/:id/cancel', () => {
    it('publishes the cancel command with the reason and the caller, and audits it', async () => {
      const target = randomUUID();
      await insertTest(target, 'running', '2030-02-01T00:00:00Z', ['cern-q1']);
      const response = await post(`/api/v1/tests/${target}/cancel?reason=site%20asked`).expect(202);
      expect(response.body).toEqual({ id: target, state: 'running' });
      expect(response.headers.location).toBe(`/api/v1/tests/${target}`);
      const commands = (await readStream(gateway.bus.bus, 'TESTS', 'anvil.test.cancel-requested')).map((m) =>
        fromBinary(TestCancelRequestedSchema, m.data),
      );
      expect(commands.filter((c) => c.testId === target)).toEqual([
        expect.objectContaining({ testId: target, reason: 'site asked', requestedBy: 'test-operator' }),
      ]);
      const audit = await gateway.db.dataSource.query(`SELECT action, details FROM audit_log WHERE target = $1`, [
        `test:${target}`,
      ]);
      expect(audit).toEqual([
        {
          action: 'test.cancel-requested',
          details: { reason: 'site asked', identity: { id: expect.any(String), role: 'operator', via: 'api-token' } },
        },
      ]);
    });

    it('answers 409 for a completed test, 404 for an unknown one, 400 for a malformed id or reason', async () => {
      const finished = await post(`/api/v1/tests/${completedTest}/cancel`).expect(409);
      expect(finished.body).toMatchObject({ code: 'TEST_FINISHED', details: [] });
      expect((await post(`/api/v1/tests/${randomUUID()}/cancel`).expect(404)).body.code).toBe('TEST_NOT_FOUND');
      const malformed = await post('/api/v1/tests/123/cancel').expect(400);
      expect(malformed.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
      const blank = await post(`/api/v1/tests/${runningTest}/cancel?reason=%20`).expect(400);
      expect(blank.body.details).toEqual([{ field: 'reason', problem: 'must not be blank' }]);
    });

    it('answers 200 without sending anything for a test already cancelled', async () => {
      const before = (await readStream(gateway.bus.bus, 'TESTS', 'anvil.test.cancel-requested')).length;
      const response = await post(`/api/v1/tests/${wideTest}/cancel`).expect(200);
      expect(response.body).toEqual({ id: wideTest, state: 'cancelled' });
      expect(await readStream(gateway.bus.bus, 'TESTS', 'anvil.test.cancel-requested')).toHaveLength(before);
    });
  });

  describe('with the scheduler', () => {
    let scheduler: ServiceProcess | undefined;

    beforeAll(() => {
      scheduler = ServiceProcess.start('scheduler', {
        ...gateway.db.env,
        ...gateway.bus.env,
        ANVIL_SCHEDULER_ID: 'sched-gateway-tests',
        ANVIL_SCHEDULER_PORT: '0',
        ANVIL_SCHEDULER_LEASE_MS: '3000',
        ANVIL_SCHEDULER_TICK_MS: '200',
        ANVIL_LOG_LEVEL: 'warn',
      });
    });

    afterAll(async () => {
      await scheduler?.stop();
      await redis.del(redisKey(namespace, 'scheduler', 'leader'));
    });

    it('creates the requested test where the answer said, runs it, and cancels it on request', async () => {
      const response = await post('/api/v1/tests', { templateId, durationSeconds: 600 }).expect(202);
      const id: string = response.body.id;

      const created = await expectEventually(
        async () => {
          const test = await get(`/api/v1/tests/${id}`).expect(200);
          expect(test.body.state).toBe('running');
          return test.body;
        },
        { timeoutMs: 20_000 },
      );
      // The template's selector is backend sim: the offline bnl-q2 is left out.
      expect(created).toMatchObject({
        kind: 'stress',
        robot: false,
        template: { id: templateId, name: 'stress-1', version: 1 },
        startAt: response.body.startAt,
        endAt: response.body.endAt,
        queueCount: 5,
        firstQueueIds: ['cern-q1', 'wide-q1', 'wide-q2', 'wide-q3', 'wide-q4'],
      });
      const listed = await get(`/api/v1/tests?template=${templateId}&state=running`).expect(200);
      expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(id);

      await post(`/api/v1/tests/${id}/cancel?reason=enough`).expect(202);
      await expectEventually(
        async () => {
          expect((await get(`/api/v1/tests/${id}`).expect(200)).body.state).toBe('cancelled');
        },
        { timeoutMs: 20_000 },
      );
      const [row] = await gateway.db.dataSource.query(`SELECT reason, created_by FROM tests WHERE id = $1`, [id]);
      expect(row).toEqual({ reason: 'enough', created_by: 'test-operator' });
      expect((await post(`/api/v1/tests/${id}/cancel`).expect(200)).body).toEqual({ id, state: 'cancelled' });
    });
  });
});
