import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const ZERO = { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };

interface Counts {
  submitted?: number;
  running?: number;
  completed?: number;
  failed?: number;
  cancelled?: number;
  lost?: number;
}

describe('tests API', () => {
  let gateway: GatewayUnderTest;
  let http: App;
  const templateId = randomUUID();
  const runningTest = randomUUID();
  const completedTest = randomUUID();
  const scheduledTest = randomUUID();

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
               CASE WHEN $3 = 'completed' THEN $4::timestamptz + interval '1 day' END,
               CASE WHEN $3 <> 'scheduled' THEN 'submitter-1' END, 'tester')`,
      [id, templateId, state, startAt],
    );
    for (const queue of queues) {
      await gateway.db.dataSource.query(`INSERT INTO test_queues (test_id, queue_id) VALUES ($1, $2)`, [id, queue]);
    }
  }

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    const db = gateway.db.dataSource;
    await seedGrid(db);
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
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const runningExpected = {
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
    queues: [
      { queueId: 'bnl-q1', siteId: 'BNL', ...ZERO, failPercent: null },
      {
        queueId: 'cern-q1',
        siteId: 'CERN',
        ...{ submitted: 2, running: 4, completed: 8, failed: 3, cancelled: 0, lost: 1, total: 18 },
        failPercent: 27.3,
      },
      { queueId: 'cern-q2', siteId: 'CERN', ...ZERO, running: 1, cancelled: 2, total: 3, failPercent: null },
    ],
    totals: { submitted: 2, running: 5, completed: 8, failed: 3, cancelled: 2, lost: 1, total: 21, failPercent: 27.3 },
  };

  const completedExpected = {
    id: completedTest,
    state: 'completed',
    finishedAt: '2030-01-02T00:00:00.000Z',
    queues: [
      { queueId: 'bnl-q2', siteId: 'BNL', ...ZERO, failed: 4, lost: 2, total: 6, failPercent: 100 },
      { queueId: 'cern-q1', siteId: 'CERN', ...ZERO, completed: 20, failed: 5, total: 25, failPercent: 20 },
    ],
    totals: { ...ZERO, completed: 20, failed: 9, lost: 2, total: 31, failPercent: 31 },
  };

  describe('GET /api/v1/tests', () => {
    it('sums the rollup hours per queue and over all queues, newest test first', async () => {
      const response = await request(http).get('/api/v1/tests').expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(response.body.items.map((t: { id: string }) => t.id)).toEqual([scheduledTest, runningTest, completedTest]);
      expect(response.body.items[1]).toEqual(runningExpected);
      expect(response.body.items[2]).toMatchObject(completedExpected);
    });

    it('keeps only the tests in the state asked for', async () => {
      const response = await request(http).get('/api/v1/tests?state=completed').expect(200);
      expect(response.body.total).toBe(1);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]).toMatchObject(completedExpected);
    });

    it('pages with limit and offset', async () => {
      const response = await request(http).get('/api/v1/tests?limit=1&offset=1').expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(response.body.items.map((t: { id: string }) => t.id)).toEqual([runningTest]);
      const past = await request(http).get('/api/v1/tests?limit=10&offset=10').expect(200);
      expect(past.body).toEqual({ items: [], total: 3, limit: 10, offset: 10 });
    });

    it('refuses an unknown state, naming state and the allowed values', async () => {
      const response = await request(http).get('/api/v1/tests?state=paused').expect(400);
      expect(response.body.details).toHaveLength(1);
      expect(response.body.details[0].field).toBe('state');
      expect(response.body.details[0].problem).toContain('scheduled, running, completed, cancelled, error');
    });

    it('refuses a limit above 500 and an offset that is not a number', async () => {
      const limit = await request(http).get('/api/v1/tests?limit=501').expect(400);
      expect(limit.body.details[0]).toEqual({ field: 'limit', problem: 'must not be greater than 500' });
      const offset = await request(http).get('/api/v1/tests?offset=abc').expect(400);
      expect(offset.body.details[0].field).toBe('offset');
    });
  });

  describe('GET /api/v1/tests/:id', () => {
    it('gives the per-queue table with zeros for queues without jobs', async () => {
      const response = await request(http).get(`/api/v1/tests/${runningTest}`).expect(200);
      expect(response.body).toEqual(runningExpected);
    });

    it('gives zero totals and a null fail percentage before any job', async () => {
      const response = await request(http).get(`/api/v1/tests/${scheduledTest}`).expect(200);
      expect(response.body.queues).toEqual([{ queueId: 'bnl-q1', siteId: 'BNL', ...ZERO, failPercent: null }]);
      expect(response.body.totals).toEqual({ ...ZERO, failPercent: null });
      expect(response.body.submitterId).toBeNull();
    });

    it('answers 404 JSON when the test does not exist', async () => {
      const response = await request(http).get(`/api/v1/tests/${randomUUID()}`).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'TEST_NOT_FOUND' });
    });

    it('answers 400 naming id when the id is not a uuid', async () => {
      const response = await request(http).get('/api/v1/tests/123').expect(400);
      expect(response.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });
  });
});
