import request from 'supertest';
import type { App } from 'supertest/types';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const DAY_MS = 24 * 3600 * 1000;
const ZERO = { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };

/** The UTC day `ago` days before today, `YYYY-MM-DD`. */
function day(ago: number): string {
  return new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - ago * DAY_MS).toISOString().slice(0, 10);
}

interface Row {
  queue: string;
  ago: number;
  golden: boolean;
  submitted?: number;
  running?: number;
  completed?: number;
  failed?: number;
  cancelled?: number;
  lost?: number;
}

// cern-q1: today (golden and not), 1 day ago (golden), 3 days ago (not golden), 40 days ago (golden, outside 30).
// bnl-q1: 2 days ago (golden). The other queues have no jobs.
const ROWS: Row[] = [
  { queue: 'cern-q1', ago: 0, golden: true, running: 2, completed: 6, failed: 2 },
  { queue: 'cern-q1', ago: 0, golden: false, submitted: 1, completed: 3, failed: 3, lost: 1 },
  { queue: 'cern-q1', ago: 1, golden: true, completed: 9, cancelled: 1 },
  { queue: 'cern-q1', ago: 3, golden: false, failed: 4 },
  { queue: 'cern-q1', ago: 40, golden: true, completed: 100 },
  { queue: 'bnl-q1', ago: 2, golden: true, completed: 1, failed: 1 },
];

/** What the history should say for `queue` on `ago`: the rows summed, golden and not unless filtered. */
function expected(queue: string, ago: number, golden?: boolean) {
  const sum = { ...ZERO };
  for (const row of ROWS) {
    if (row.queue === queue && row.ago === ago && (golden === undefined || row.golden === golden)) {
      for (const key of ['submitted', 'running', 'completed', 'failed', 'cancelled', 'lost'] as const) {
        sum[key] += row[key] ?? 0;
        sum.total += row[key] ?? 0;
      }
    }
  }
  const finished = sum.completed + sum.failed;
  return {
    day: day(ago),
    ...sum,
    efficiency: finished === 0 ? null : Math.round((sum.completed / finished) * 1e4) / 1e4,
  };
}

describe('queue history API', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    await seedGrid(gateway.db.dataSource);
    for (const row of ROWS) {
      const c = { ...ZERO, ...row };
      await gateway.db.dataSource.query(
        `INSERT INTO queue_daily_rollups (queue_id, day, golden, submitted, running, completed, failed, cancelled,
           lost, total)
         VALUES ($1, $2, $3, $4::int, $5::int, $6::int, $7::int, $8::int, $9::int, $4 + $5 + $6 + $7 + $8 + $9)`,
        [row.queue, day(row.ago), row.golden, c.submitted, c.running, c.completed, c.failed, c.cancelled, c.lost],
      );
    }
  });

  afterAll(async () => {
    await gateway?.close();
  });

  describe('GET /api/v1/queues/:id/history', () => {
    it('gives every day of the window oldest first, golden and not summed, zeros on days without jobs', async () => {
      const response = await request(http).get('/api/v1/queues/cern-q1/history?days=5').expect(200);
      expect(response.body).toEqual({
        queueId: 'cern-q1',
        siteId: 'CERN',
        from: day(4),
        to: day(0),
        golden: null,
        items: [4, 3, 2, 1, 0].map((ago) => expected('cern-q1', ago)),
      });
      // Spot-check the sums and efficiencies the helper computed.
      expect(response.body.items[4]).toMatchObject({ completed: 9, failed: 5, total: 18, efficiency: 0.6429 });
      expect(response.body.items[1]).toMatchObject({ failed: 4, total: 4, efficiency: 0 });
      expect(response.body.items[2]).toEqual({ day: day(2), ...ZERO, efficiency: null });
    });

    it('keeps only golden or only non-golden jobs when asked', async () => {
      const golden = await request(http).get('/api/v1/queues/cern-q1/history?days=5&golden=true').expect(200);
      expect(golden.body.golden).toBe(true);
      expect(golden.body.items).toEqual([4, 3, 2, 1, 0].map((ago) => expected('cern-q1', ago, true)));
      const other = await request(http).get('/api/v1/queues/cern-q1/history?days=5&golden=false').expect(200);
      expect(other.body.items).toEqual([4, 3, 2, 1, 0].map((ago) => expected('cern-q1', ago, false)));
      expect(other.body.items[4]).toMatchObject({ completed: 3, failed: 3, efficiency: 0.5 });
    });

    it('covers the last 30 days by default, leaving older days out', async () => {
      const response = await request(http).get('/api/v1/queues/cern-q1/history').expect(200);
      expect(response.body.items).toHaveLength(30);
      expect(response.body.from).toBe(day(29));
      const total = response.body.items.reduce((sum: number, item: { total: number }) => sum + item.total, 0);
      expect(total).toBe(18 + 10 + 4);
    });

    it('answers 404 for an unknown queue and 400 for an id that cannot be one', async () => {
      const unknown = await request(http).get('/api/v1/queues/nowhere-q9/history').expect(404);
      expect(unknown.body).toMatchObject({ code: 'QUEUE_NOT_FOUND', details: [{ field: 'id' }] });
      const bad = await request(http).get('/api/v1/queues/bad%20id/history').expect(400);
      expect(bad.body.details[0].field).toBe('id');
    });

    it('refuses days outside 1-366, golden that is not a boolean, and unknown parameters', async () => {
      const zero = await request(http).get('/api/v1/queues/cern-q1/history?days=0').expect(400);
      expect(zero.body.details).toEqual([{ field: 'days', problem: 'must not be less than 1' }]);
      const big = await request(http).get('/api/v1/queues/cern-q1/history?days=367').expect(400);
      expect(big.body.details).toEqual([{ field: 'days', problem: 'must not be greater than 366' }]);
      const text = await request(http).get('/api/v1/queues/cern-q1/history?days=week').expect(400);
      expect(text.body.details[0].field).toBe('days');
      const golden = await request(http).get('/api/v1/queues/cern-q1/history?golden=yes').expect(400);
      expect(golden.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'golden' }] });
      const unknown = await request(http).get('/api/v1/queues/cern-q1/history?site=CERN').expect(400);
      expect(unknown.body.details).toEqual([{ field: 'site', problem: 'is not an allowed property' }]);
    });
  });

  describe('GET /api/v1/queues/history', () => {
    it('gives every queue by site and id, one column per day, equal to each queue history', async () => {
      const response = await request(http).get('/api/v1/queues/history?days=4').expect(200);
      const days = [3, 2, 1, 0];
      expect(response.body).toMatchObject({ from: day(3), to: day(0), golden: null, days: days.map(day) });
      expect(response.body.items.map((row: { queueId: string }) => row.queueId)).toEqual([
        'bnl-q1',
        'bnl-q2',
        'cern-q1',
        'cern-q2',
      ]);
      for (const row of response.body.items) {
        const cells = days.map((ago) => expected(row.queueId, ago));
        expect(row).toEqual({
          queueId: row.queueId,
          siteId: row.queueId.startsWith('cern') ? 'CERN' : 'BNL',
          submitted: cells.map((c) => c.submitted),
          running: cells.map((c) => c.running),
          completed: cells.map((c) => c.completed),
          failed: cells.map((c) => c.failed),
          cancelled: cells.map((c) => c.cancelled),
          lost: cells.map((c) => c.lost),
          total: cells.map((c) => c.total),
          efficiency: cells.map((c) => c.efficiency),
        });
        const one = await request(http).get(`/api/v1/queues/${row.queueId}/history?days=4`).expect(200);
        expect(one.body.items.map((item: { total: number }) => item.total)).toEqual(row.total);
      }
      expect(response.body.items[2].total).toEqual([4, 0, 10, 18]);
    });

    it('filters queues like the queue list, and jobs on golden', async () => {
      const cern = await request(http).get('/api/v1/queues/history?days=2&site=CERN&golden=true').expect(200);
      expect(cern.body.golden).toBe(true);
      expect(cern.body.items.map((row: { queueId: string }) => row.queueId)).toEqual(['cern-q1', 'cern-q2']);
      expect(cern.body.items[0].completed).toEqual([9, 6]);
      expect(cern.body.items[0].efficiency).toEqual([1, 0.75]);
      const online = await request(http).get('/api/v1/queues/history?days=1&status=online&backend=panda').expect(200);
      expect(online.body.items.map((row: { queueId: string }) => row.queueId)).toEqual(['bnl-q1']);
    });

    it('covers 14 days by default', async () => {
      const response = await request(http).get('/api/v1/queues/history').expect(200);
      expect(response.body.days).toHaveLength(14);
      expect(response.body.items[0].total).toHaveLength(14);
    });

    it('refuses days outside 1-90 and filters that are not values of the queue list', async () => {
      const big = await request(http).get('/api/v1/queues/history?days=91').expect(400);
      expect(big.body.details).toEqual([{ field: 'days', problem: 'must not be greater than 90' }]);
      const status = await request(http).get('/api/v1/queues/history?status=broken').expect(400);
      expect(status.body.details[0].field).toBe('status');
      const golden = await request(http).get('/api/v1/queues/history?golden=1').expect(400);
      expect(golden.body.details[0].field).toBe('golden');
    });
  });
});
