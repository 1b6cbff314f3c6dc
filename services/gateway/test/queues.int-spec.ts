import request from 'supertest';
import type { App } from 'supertest/types';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

describe('queues API', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    await seedGrid(gateway.db.dataSource);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function ids(query: string): Promise<string[]> {
    const response = await request(http).get(`/api/v1/queues${query}`).expect(200);
    return response.body.items.map((q: { id: string }) => q.id);
  }

  it('lists every queue with its site and status when no filter is given', async () => {
    const response = await request(http).get('/api/v1/queues').expect(200);
    expect(response.body.items.map((q: { id: string }) => q.id)).toEqual(['bnl-q1', 'bnl-q2', 'cern-q1', 'cern-q2']);
    const cern2 = response.body.items[3];
    expect(cern2).toEqual({
      id: 'cern-q2',
      name: 'CERN slurm',
      site: { id: 'CERN', name: 'CERN Geneva' },
      backend: 'slurm',
      status: 'excluded',
      statusSource: 'policy',
      statusSetBy: 'hammercloud-classic',
      statusSince: '2030-01-01T00:00:00.000Z',
      exclusionCount: 2,
      nextEligibleAt: '2030-01-01T06:00:00.000Z',
      labels: { cloud: 'CH' },
      protected: false,
      autoExclusion: true,
    });
  });

  it('gives a never-changed queue a null setter, no exclusions and no eligibility time', async () => {
    const response = await request(http).get('/api/v1/queues?site=BNL').expect(200);
    expect(response.body.items[0]).toMatchObject({
      id: 'bnl-q1',
      status: 'online',
      statusSource: null,
      statusSetBy: null,
      exclusionCount: 0,
      nextEligibleAt: null,
    });
    expect(response.body.items[1]).toMatchObject({ id: 'bnl-q2', statusSource: 'manual', statusSetBy: 'alice' });
  });

  it('gives one queue by id, equal to its list item', async () => {
    const listed = await request(http).get('/api/v1/queues?site=CERN').expect(200);
    const one = await request(http).get('/api/v1/queues/cern-q2').expect(200);
    expect(one.body).toEqual(listed.body.items[1]);
    expect(one.body.id).toBe('cern-q2');
  });

  it('answers 404 JSON for an unknown queue id and 400 for an id that cannot be one', async () => {
    const unknown = await request(http).get('/api/v1/queues/nowhere-q9').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'QUEUE_NOT_FOUND', details: [{ field: 'id' }] });
    const bad = await request(http).get('/api/v1/queues/bad%20id').expect(400);
    expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be an id of 1-128 letters, digits, "_" or "-"' }]);
  });

  it('filters on site, status and backend, alone or together', async () => {
    expect(await ids('?site=CERN')).toEqual(['cern-q1', 'cern-q2']);
    expect(await ids('?status=online')).toEqual(['bnl-q1', 'cern-q1']);
    expect(await ids('?backend=sim')).toEqual(['bnl-q2', 'cern-q1']);
    expect(await ids('?site=BNL&backend=sim')).toEqual(['bnl-q2']);
    expect(await ids('?site=NOWHERE')).toEqual([]);
  });

  it('refuses a status or backend that does not exist, naming the parameter', async () => {
    const status = await request(http).get('/api/v1/queues?status=broken').expect(400);
    expect(status.body.details[0].field).toBe('status');
    const backend = await request(http).get('/api/v1/queues?backend=htcondor').expect(400);
    expect(backend.body.details[0].field).toBe('backend');
    const unknown = await request(http).get('/api/v1/queues?colour=red').expect(400);
    expect(unknown.body.details).toEqual([{ field: 'colour', problem: 'is not an allowed property' }]);
  });
});
