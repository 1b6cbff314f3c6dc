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
      statusSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      labels: { cloud: 'CH' },
      protected: false,
      autoExclusion: true,
    });
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
