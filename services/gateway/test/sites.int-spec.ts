import request from 'supertest';
import type { App } from 'supertest/types';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

describe('sites API', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    await seedGrid(gateway.db.dataSource);
    // A site without queues, and one more CERN queue so its counts differ from BNL's.
    await gateway.db.dataSource.query(
      `INSERT INTO sites (id, name, labels) VALUES ('EMPTY', 'No queues yet', '{"tier": "3"}')`,
    );
    await gateway.db.dataSource.query(
      `INSERT INTO queues (id, site_id, name, backend, status) VALUES ('cern-q3', 'CERN', 'CERN extra', 'sim', 'online')`,
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const viewer = () => gateway.auth('viewer');

  describe('GET /api/v1/sites', () => {
    it('lists every site by id with its queues counted by status', async () => {
      const response = await request(http).get('/api/v1/sites').set(viewer()).expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(response.body.items).toEqual([
        {
          id: 'BNL',
          name: 'Brookhaven',
          labels: {},
          queueCounts: { online: 1, excluded: 0, offline: 1, total: 2 },
          createdAt: expect.any(String),
        },
        {
          id: 'CERN',
          name: 'CERN Geneva',
          labels: {},
          queueCounts: { online: 2, excluded: 1, offline: 0, total: 3 },
          createdAt: expect.any(String),
        },
        {
          id: 'EMPTY',
          name: 'No queues yet',
          labels: { tier: '3' },
          queueCounts: { online: 0, excluded: 0, offline: 0, total: 0 },
          createdAt: expect.any(String),
        },
      ]);
    });

    it('follows a status change on the next read', async () => {
      await gateway.db.dataSource.query(`UPDATE queues SET status = 'excluded' WHERE id = 'bnl-q1'`);
      try {
        const response = await request(http).get('/api/v1/sites?limit=1').set(viewer()).expect(200);
        expect(response.body.items[0].queueCounts).toEqual({ online: 0, excluded: 1, offline: 1, total: 2 });
      } finally {
        await gateway.db.dataSource.query(`UPDATE queues SET status = 'online' WHERE id = 'bnl-q1'`);
      }
    });

    it('pages with limit and offset, counting every site', async () => {
      const page = await request(http).get('/api/v1/sites?limit=1&offset=1').set(viewer()).expect(200);
      expect(page.body).toMatchObject({ items: [{ id: 'CERN' }], total: 3, limit: 1, offset: 1 });
      const past = await request(http).get('/api/v1/sites?offset=5').set(viewer()).expect(200);
      expect(past.body).toEqual({ items: [], total: 3, limit: 50, offset: 5 });
    });

    it('refuses a bad page or an unknown parameter, naming it', async () => {
      const limit = await request(http).get('/api/v1/sites?limit=0').set(viewer()).expect(400);
      expect(limit.body.details[0].field).toBe('limit');
      const unknown = await request(http).get('/api/v1/sites?status=online').set(viewer()).expect(400);
      expect(unknown.body.details).toEqual([{ field: 'status', problem: 'is not an allowed property' }]);
    });
  });

  describe('GET /api/v1/sites/:id', () => {
    it('gives the site as listed, with its queues as the queue list gives them', async () => {
      const listed = await request(http).get('/api/v1/sites').set(viewer()).expect(200);
      const queues = await request(http).get('/api/v1/queues?site=CERN').set(viewer()).expect(200);
      const one = await request(http).get('/api/v1/sites/CERN').set(viewer()).expect(200);
      expect(one.body).toEqual({ ...listed.body.items[1], queues: queues.body.items });
      expect(one.body.queues.map((q: { id: string }) => q.id)).toEqual(['cern-q1', 'cern-q2', 'cern-q3']);
    });

    it('gives a site without queues zeros and an empty list', async () => {
      const one = await request(http).get('/api/v1/sites/EMPTY').set(viewer()).expect(200);
      expect(one.body).toMatchObject({ queueCounts: { total: 0 }, queues: [] });
    });

    it('answers 404 for an unknown site and 400 for an id that cannot be one', async () => {
      const unknown = await request(http).get('/api/v1/sites/NOWHERE').set(viewer()).expect(404);
      expect(unknown.body).toMatchObject({
        code: 'SITE_NOT_FOUND',
        details: [{ field: 'id', problem: 'names no existing site (NOWHERE)' }],
      });
      const bad = await request(http).get('/api/v1/sites/a.b').set(viewer()).expect(400);
      expect(bad.body.details[0].field).toBe('id');
    });
  });
});
