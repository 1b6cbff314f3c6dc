import request from 'supertest';
import type { App } from 'supertest/types';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const O1 = '00000000-0000-4000-8000-0000000000a1';
const O2 = '00000000-0000-4000-8000-0000000000a2';
const O3 = '00000000-0000-4000-8000-0000000000a3';
const D = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('decisions and outages API', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    const db = gateway.db.dataSource;
    await seedGrid(db);
    await db.query(
      `INSERT INTO outages (id, scope, opened_at, closed_at, reason, evidence) VALUES
         ($1, 'global', '2030-01-01T10:00:00Z', '2030-01-01T12:00:00Z', '60% of queues failing', '{"queueIds": ["cern-q2"]}'),
         ($2, 'site:BNL', '2030-01-02T08:00:00Z', NULL, 'every BNL queue failing', '{}'),
         ($3, 'global', '2029-12-31T00:00:00Z', '2029-12-31T01:00:00Z', 'old one', '{}')`,
      [O1, O2, O3],
    );
    await db.query(
      `INSERT INTO decisions (id, queue_id, action, source, policy_name, policy_version, reason, evidence, enforced,
                              actor, outage_id, decided_at) VALUES
         ($1, 'cern-q2', 'exclude', 'policy', 'hammercloud-classic', 3, 'last 3 jobs failed',
          '{"rule": "last-three-from-one", "jobIds": ["j3", "j2", "j1"], "exclusionNumber": 2}', true, 'decider', NULL,
          '2030-01-01T01:00:00Z'),
         ($2, 'cern-q2', 'recover', 'guard', 'hammercloud-classic', 3, 'outage closed', '{}', true, 'decider', $6,
          '2030-01-01T12:00:00Z'),
         ($3, 'cern-q1', 'exclude', 'policy', 'anvil-default', 1, 'sprt crossed', '{"rule": "sprt"}', false, 'decider',
          NULL, '2030-01-01T05:00:00Z'),
         ($4, 'bnl-q2', 'override', 'manual', NULL, NULL, 'SE down', '{}', true, 'alice', NULL, '2030-01-02T09:00:00Z'),
         ($5, 'bnl-q1', 'exclude', 'guard', 'anvil-default', NULL, 'breaker', '{}', false, 'decider', $7,
          '2030-01-03T00:00:00Z')`,
      [D(1), D(2), D(3), D(4), D(5), O1, O2],
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const viewer = () => gateway.auth('viewer');

  async function decisionIds(query: string): Promise<string[]> {
    const response = await request(http).get(`/api/v1/decisions${query}`).set(viewer()).expect(200);
    return response.body.items.map((d: { id: string }) => d.id);
  }

  async function refused(path: string): Promise<{ field: string; problem: string }[]> {
    const response = await request(http).get(path).set(viewer()).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    return response.body.details;
  }

  describe('GET /api/v1/decisions', () => {
    it('lists every decision latest first with its site, policy and evidence', async () => {
      const response = await request(http).get('/api/v1/decisions').set(viewer()).expect(200);
      expect(response.body).toMatchObject({ total: 5, limit: 50, offset: 0 });
      expect(response.body.items.map((d: { id: string }) => d.id)).toEqual([D(5), D(4), D(2), D(3), D(1)]);
      expect(response.body.items[4]).toEqual({
        id: D(1),
        queueId: 'cern-q2',
        siteId: 'CERN',
        action: 'exclude',
        source: 'policy',
        policy: { name: 'hammercloud-classic', version: 3 },
        reason: 'last 3 jobs failed',
        evidence: { rule: 'last-three-from-one', jobIds: ['j3', 'j2', 'j1'], exclusionNumber: 2 },
        enforced: true,
        actor: 'decider',
        outageId: null,
        decidedAt: '2030-01-01T01:00:00.000Z',
      });
      expect(response.body.items[1]).toMatchObject({ id: D(4), source: 'manual', policy: null, actor: 'alice' });
      expect(response.body.items[0]).toMatchObject({ policy: { name: 'anvil-default', version: null }, outageId: O2 });
    });

    it('filters on queue, site, action, source and enforced, alone or together', async () => {
      expect(await decisionIds('?queueId=cern-q2')).toEqual([D(2), D(1)]);
      expect(await decisionIds('?siteId=CERN')).toEqual([D(2), D(3), D(1)]);
      expect(await decisionIds('?siteId=BNL')).toEqual([D(5), D(4)]);
      expect(await decisionIds('?action=exclude')).toEqual([D(5), D(3), D(1)]);
      expect(await decisionIds('?action=override')).toEqual([D(4)]);
      expect(await decisionIds('?source=guard')).toEqual([D(5), D(2)]);
      expect(await decisionIds('?enforced=false')).toEqual([D(5), D(3)]);
      expect(await decisionIds('?enforced=true&siteId=CERN&action=exclude')).toEqual([D(1)]);
      expect(await decisionIds('?queueId=nowhere')).toEqual([]);
    });

    it('keeps since inclusive and until exclusive', async () => {
      expect(await decisionIds('?since=2030-01-01T05:00:00Z')).toEqual([D(5), D(4), D(2), D(3)]);
      expect(await decisionIds('?until=2030-01-01T05:00:00Z')).toEqual([D(1)]);
      expect(await decisionIds('?since=2030-01-01T02:30:00%2B01:00&until=2030-01-02')).toEqual([D(2), D(3)]);
    });

    it('pages with limit and offset, counting over all pages', async () => {
      const page = await request(http).get('/api/v1/decisions?limit=2&offset=1').set(viewer()).expect(200);
      expect(page.body.items.map((d: { id: string }) => d.id)).toEqual([D(4), D(2)]);
      expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
      const filtered = await request(http).get('/api/v1/decisions?siteId=CERN&limit=1').set(viewer()).expect(200);
      expect(filtered.body).toMatchObject({ total: 3, limit: 1, offset: 0 });
      const past = await request(http).get('/api/v1/decisions?offset=10').set(viewer()).expect(200);
      expect(past.body).toEqual({ items: [], total: 5, limit: 50, offset: 10 });
    });

    it('combines queue, action, source and a time range with paging', async () => {
      expect(
        await decisionIds('?queueId=cern-q2&action=recover&source=guard&since=2030-01-01T12:00:00Z&until=2030-01-02'),
      ).toEqual([D(2)]);
      expect(await decisionIds('?siteId=CERN&source=policy&since=2030-01-01&until=2030-01-01T05:00:00.001Z')).toEqual([
        D(3),
        D(1),
      ]);
      const page = await request(http)
        .get('/api/v1/decisions?siteId=CERN&source=policy&limit=1&offset=1')
        .set(viewer())
        .expect(200);
      expect(page.body).toMatchObject({ items: [{ id: D(1) }], total: 2, limit: 1, offset: 1 });
    });

    it('refuses bad filters, naming each one', async () => {
      expect((await refused('/api/v1/decisions?action=ban'))[0].field).toBe('action');
      expect((await refused('/api/v1/decisions?source=robot'))[0].problem).toContain('policy, manual, guard');
      expect((await refused('/api/v1/decisions?enforced=maybe'))[0].field).toBe('enforced');
      expect((await refused('/api/v1/decisions?since=yesterday'))[0].field).toBe('since');
      expect((await refused('/api/v1/decisions?since=2030-01-01T10:00'))[0].field).toBe('since');
      expect(await refused('/api/v1/decisions?since=2030-01-02&until=2030-01-01')).toEqual([
        { field: 'until', problem: 'must be later than since' },
      ]);
      expect((await refused('/api/v1/decisions?queueId=a.b'))[0].field).toBe('queueId');
      expect((await refused('/api/v1/decisions?limit=0'))[0].field).toBe('limit');
      expect(await refused('/api/v1/decisions?state=open')).toEqual([
        { field: 'state', problem: 'is not an allowed property' },
      ]);
    });
  });

  describe('GET /api/v1/decisions/:id', () => {
    it('gives one decision as the list gives it', async () => {
      const listed = await request(http).get('/api/v1/decisions?queueId=bnl-q1').set(viewer()).expect(200);
      const one = await request(http)
        .get(`/api/v1/decisions/${D(5)}`)
        .set(viewer())
        .expect(200);
      expect(one.body).toEqual(listed.body.items[0]);
      expect(one.body).toMatchObject({ id: D(5), queueId: 'bnl-q1', siteId: 'BNL', outageId: O2, enforced: false });
    });

    it('answers 404 for an unknown id and 400 for one that is no UUID', async () => {
      const unknown = await request(http)
        .get(`/api/v1/decisions/${D(9)}`)
        .set(viewer())
        .expect(404);
      expect(unknown.body).toMatchObject({ code: 'DECISION_NOT_FOUND', details: [{ field: 'id' }] });
      const bad = await request(http).get('/api/v1/decisions/42').set(viewer()).expect(400);
      expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });
  });

  describe('GET /api/v1/outages', () => {
    it('lists outages latest first with their state', async () => {
      const response = await request(http).get('/api/v1/outages').set(viewer()).expect(200);
      expect(response.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(response.body.items.map((o: { id: string }) => o.id)).toEqual([O2, O1, O3]);
      expect(response.body.items[1]).toEqual({
        id: O1,
        scope: 'global',
        state: 'closed',
        openedAt: '2030-01-01T10:00:00.000Z',
        closedAt: '2030-01-01T12:00:00.000Z',
        reason: '60% of queues failing',
        evidence: { queueIds: ['cern-q2'] },
      });
      expect(response.body.items[0]).toMatchObject({ id: O2, state: 'open', closedAt: null });
    });

    it('filters on state and pages', async () => {
      const open = await request(http).get('/api/v1/outages?state=open').set(viewer()).expect(200);
      expect(open.body.items.map((o: { id: string }) => o.id)).toEqual([O2]);
      expect(open.body.total).toBe(1);
      const closed = await request(http).get('/api/v1/outages?state=closed').set(viewer()).expect(200);
      expect(closed.body.items.map((o: { id: string }) => o.id)).toEqual([O1, O3]);
      const page = await request(http).get('/api/v1/outages?limit=1&offset=1').set(viewer()).expect(200);
      expect(page.body).toEqual({ items: [expect.objectContaining({ id: O1 })], total: 3, limit: 1, offset: 1 });
    });

    it('gives the open outages alone, not paged', async () => {
      const open = await request(http).get('/api/v1/outages/open').set(viewer()).expect(200);
      expect(open.body).toEqual({ items: [expect.objectContaining({ id: O2, state: 'open', closedAt: null })] });
    });

    it('gives one outage by id as the list gives it; 404 and 400 otherwise', async () => {
      const listed = await request(http).get('/api/v1/outages').set(viewer()).expect(200);
      const one = await request(http).get(`/api/v1/outages/${O1}`).set(viewer()).expect(200);
      expect(one.body).toEqual(listed.body.items[1]);
      const unknown = await request(http)
        .get(`/api/v1/outages/${D(9)}`)
        .set(viewer())
        .expect(404);
      expect(unknown.body).toMatchObject({ code: 'OUTAGE_NOT_FOUND', details: [{ field: 'id' }] });
      const bad = await request(http).get('/api/v1/outages/closed').set(viewer()).expect(400);
      expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });

    it('refuses an unknown state, naming it', async () => {
      const details = await refused('/api/v1/outages?state=broken');
      expect(details).toHaveLength(1);
      expect(details[0]).toMatchObject({ field: 'state', problem: expect.stringContaining('open, closed') });
    });
  });
});
