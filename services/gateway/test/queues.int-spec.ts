import request from 'supertest';
import type { App } from 'supertest/types';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const SLURM_QUEUE = {
  id: 'cern-slurm-short',
  siteId: 'CERN',
  name: 'CERN slurm short',
  backend: 'slurm',
  backendConfig: { partition: 'short', account: 'atlas' },
  labels: { cloud: 'CH', tier: '0' },
};

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

  const viewer = () => gateway.auth('viewer');
  const operator = () => gateway.auth('operator');
  const admin = () => gateway.auth('admin');

  async function ids(query: string): Promise<string[]> {
    const response = await request(http).get(`/api/v1/queues${query}`).set(viewer()).expect(200);
    return response.body.items.map((q: { id: string }) => q.id);
  }

  const auditRows = (): Promise<{ actor: string; action: string; target: string; details: unknown }[]> =>
    gateway.db.dataSource.query(`SELECT actor, action, target, details FROM audit_log ORDER BY id`);

  const queueCount = async (): Promise<number> =>
    (await gateway.db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM queues`))[0].n;

  describe('GET /api/v1/queues', () => {
    it('lists every queue with its site and status, paged, when no filter is given', async () => {
      const response = await request(http).get('/api/v1/queues').set(viewer()).expect(200);
      expect(response.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(response.body.items.map((q: { id: string }) => q.id)).toEqual(['bnl-q1', 'bnl-q2', 'cern-q1', 'cern-q2']);
      expect(response.body.items[3]).toEqual({
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
      const response = await request(http).get('/api/v1/queues?site=BNL').set(viewer()).expect(200);
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

    it('filters on site, status, backend and labels, alone or together', async () => {
      expect(await ids('?site=CERN')).toEqual(['cern-q1', 'cern-q2']);
      expect(await ids('?status=online')).toEqual(['bnl-q1', 'cern-q1']);
      expect(await ids('?backend=sim')).toEqual(['bnl-q2', 'cern-q1']);
      expect(await ids('?site=BNL&backend=sim')).toEqual(['bnl-q2']);
      expect(await ids('?site=NOWHERE')).toEqual([]);
      expect(await ids('?label=cloud=CH')).toEqual(['cern-q1', 'cern-q2']);
      expect(await ids('?label=cloud=CH&label=tier=0')).toEqual(['cern-q1']);
      expect(await ids('?label=cloud=US&status=offline')).toEqual(['bnl-q2']);
      expect(await ids('?label=cloud=')).toEqual([]);
    });

    it('pages with limit and offset, counting the matches over all pages', async () => {
      const page = await request(http).get('/api/v1/queues?limit=2&offset=1').set(viewer()).expect(200);
      expect(page.body.items.map((q: { id: string }) => q.id)).toEqual(['bnl-q2', 'cern-q1']);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      const filtered = await request(http).get('/api/v1/queues?label=cloud=CH&limit=1').set(viewer()).expect(200);
      expect(filtered.body).toMatchObject({ items: [{ id: 'cern-q1' }], total: 2 });
      const past = await request(http).get('/api/v1/queues?offset=9').set(viewer()).expect(200);
      expect(past.body).toEqual({ items: [], total: 4, limit: 50, offset: 9 });
    });

    it('refuses a bad filter or page, naming the parameter', async () => {
      const refused = async (query: string) =>
        (await request(http).get(`/api/v1/queues${query}`).set(viewer()).expect(400)).body.details;
      expect((await refused('?status=broken'))[0].field).toBe('status');
      expect((await refused('?backend=htcondor'))[0].field).toBe('backend');
      expect(await refused('?colour=red')).toEqual([{ field: 'colour', problem: 'is not an allowed property' }]);
      expect((await refused('?label=cloud'))[0]).toMatchObject({
        field: 'label',
        problem: expect.stringContaining('key=value'),
      });
      expect((await refused('?label=a=1&label=a=2'))[0]).toEqual({
        field: 'label',
        problem: 'repeats the key a: a queue has one value per label',
      });
      expect((await refused('?limit=501'))[0].field).toBe('limit');
      expect((await refused('?site=a.b'))[0].field).toBe('site');
    });
  });

  describe('GET /api/v1/queues/:id', () => {
    it('gives one queue by id: its list item plus backend configuration and times', async () => {
      const listed = await request(http).get('/api/v1/queues?site=CERN').set(viewer()).expect(200);
      const one = await request(http).get('/api/v1/queues/cern-q2').set(viewer()).expect(200);
      expect(one.body).toMatchObject(listed.body.items[1]);
      expect(one.body).toMatchObject({
        id: 'cern-q2',
        backendConfig: {},
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('answers 404 JSON for an unknown queue id and 400 for an id that cannot be one', async () => {
      const unknown = await request(http).get('/api/v1/queues/nowhere-q9').set(viewer()).expect(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'QUEUE_NOT_FOUND', details: [{ field: 'id' }] });
      const bad = await request(http).get('/api/v1/queues/bad%20id').set(viewer()).expect(400);
      expect(bad.body.details).toEqual([
        { field: 'id', problem: 'must be an id of 1-128 letters, digits, "_" or "-"' },
      ]);
    });
  });

  describe('GET /api/v1/queues/:id/jobs', () => {
    const TEST_ID = '00000000-0000-4000-8000-00000000e001';
    const job = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

    beforeAll(async () => {
      // Five jobs on cern-q1 a minute apart (job 5 newest), one on cern-q2.
      await gateway.db.dataSource.query(
        `INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, state)
         SELECT ('00000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid,
                now() - make_interval(mins => 10 - n), $1::uuid, 'cern-q1', 'sim',
                CASE WHEN n % 2 = 0 THEN 'failed' ELSE 'completed' END
           FROM generate_series(1, 5) n
         UNION ALL
         SELECT '00000000-0000-4000-8000-000000000099'::uuid, now(), $1::uuid, 'cern-q2', 'slurm', 'running'`,
        [TEST_ID],
      );
    });

    const jobsOf = (query: string) => request(http).get(`/api/v1/queues/cern-q1/jobs${query}`).set(viewer());

    it("pages through the queue's jobs only, newest first, following nextCursor to the end", async () => {
      const first = await jobsOf('?limit=2').expect(200);
      expect(first.body.items.map((j: { id: string }) => j.id)).toEqual([job(5), job(4)]);
      expect(first.body.items[0]).toMatchObject({ queueId: 'cern-q1', testId: TEST_ID, state: 'completed' });
      const second = await jobsOf(`?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`).expect(200);
      expect(second.body.items.map((j: { id: string }) => j.id)).toEqual([job(3), job(2)]);
      const last = await jobsOf(`?limit=2&cursor=${encodeURIComponent(second.body.nextCursor)}`).expect(200);
      expect(last.body).toMatchObject({ items: [{ id: job(1) }], nextCursor: null, limit: 2 });
    });

    it('filters on state', async () => {
      const failed = await jobsOf('?state=failed').expect(200);
      expect(failed.body.items.map((j: { id: string }) => j.id)).toEqual([job(4), job(2)]);
      expect(failed.body.nextCursor).toBeNull();
    });

    it('answers 404 for an unknown queue, 400 for a bad id, state or cursor', async () => {
      const unknown = await request(http).get('/api/v1/queues/nowhere-q9/jobs').set(viewer()).expect(404);
      expect(unknown.body.code).toBe('QUEUE_NOT_FOUND');
      const empty = await request(http).get('/api/v1/queues/bnl-q1/jobs').set(viewer()).expect(200);
      expect(empty.body).toMatchObject({ items: [], nextCursor: null });
      await request(http).get('/api/v1/queues/a.b/jobs').set(viewer()).expect(400);
      expect((await jobsOf('?state=lost-ish').expect(400)).body.details[0].field).toBe('state');
      expect((await jobsOf('?cursor=nonsense').expect(400)).body.details[0].field).toBe('cursor');
    });
  });

  describe('POST /api/v1/queues', () => {
    /** Asserts a 400 naming `field`, and that no queue and no audit row was written. */
    async function expectRefused(body: object, field: string): Promise<string> {
      const [queuesBefore, auditBefore] = [await queueCount(), (await auditRows()).length];
      const response = await request(http).post('/api/v1/queues').set(admin()).send(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
      expect(await queueCount()).toBe(queuesBefore);
      expect(await auditRows()).toHaveLength(auditBefore);
      return response.body.details[0].problem;
    }

    it('creates a queue with defaults, answers it as GET does, and writes one audit row', async () => {
      const auditBefore = (await auditRows()).length;
      const response = await request(http).post('/api/v1/queues').set(admin()).send(SLURM_QUEUE).expect(201);
      const { siteId: _siteId, ...asListed } = SLURM_QUEUE;
      expect(response.body).toMatchObject({
        ...asListed,
        site: { id: 'CERN', name: 'CERN Geneva' },
        status: 'online',
        statusSource: null,
        exclusionCount: 0,
        protected: false,
        autoExclusion: true,
      });
      const read = await request(http).get('/api/v1/queues/cern-slurm-short').set(viewer()).expect(200);
      expect(read.body).toEqual(response.body);
      const audit = await auditRows();
      expect(audit).toHaveLength(auditBefore + 1);
      expect(audit[audit.length - 1]).toEqual({
        actor: 'test-admin',
        action: 'queue.created',
        target: 'queue:cern-slurm-short',
        details: {
          siteId: 'CERN',
          name: 'CERN slurm short',
          backend: 'slurm',
          identity: { id: expect.any(String), role: 'admin', via: 'api-token' },
        },
      });
    });

    it('is for admins only: an operator gets 403 and nothing is written', async () => {
      const before = await queueCount();
      const response = await request(http)
        .post('/api/v1/queues')
        .set(operator())
        .send({ ...SLURM_QUEUE, id: 'by-operator' })
        .expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
      expect(await queueCount()).toBe(before);
    });

    it("refuses a backend config the backend's own validator refuses, naming the field", async () => {
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'q-bad1', backendConfig: {} }, 'backendConfig.partition')).toBe(
        'is required (backend slurm)',
      );
      expect(
        await expectRefused(
          { ...SLURM_QUEUE, id: 'q-bad2', backendConfig: { partition: 'p', colour: 'red' } },
          'backendConfig.colour',
        ),
      ).toContain('is not a known field');
      expect(
        await expectRefused(
          { ...SLURM_QUEUE, id: 'q-bad3', backend: 'local', backendConfig: { slots: 0 } },
          'backendConfig.slots',
        ),
      ).toBe('must be an integer from 1 to 1024 (backend local)');
      expect(
        await expectRefused(
          { ...SLURM_QUEUE, id: 'q-bad4', backend: 'sim', backendConfig: {} },
          'backendConfig.errorClass',
        ),
      ).toContain('must be one of');
    });

    it('refuses missing and malformed fields, an unknown site, naming each', async () => {
      const { id: _id, ...withoutId } = SLURM_QUEUE;
      expect(await expectRefused(withoutId, 'id')).toBe('is required');
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'a.b' }, 'id')).toContain('letters, digits');
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'q-bad5', name: ' x' }, 'name')).toBe(
        'must not start or end with white space',
      );
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'q-bad6', backend: 'htcondor' }, 'backend')).toContain('sim');
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'q-bad7', labels: { cloud: 1 } }, 'labels')).toContain('string');
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'q-bad8', protected: 'yes' }, 'protected')).toContain('boolean');
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'q-bad9', status: 'excluded' }, 'status')).toBe(
        'is not an allowed property',
      );
      expect(await expectRefused({ ...SLURM_QUEUE, id: 'q-bad10', siteId: 'NOWHERE' }, 'siteId')).toBe(
        'names no existing site (NOWHERE)',
      );
    });

    it('answers 409 naming id when the id is taken, and writes nothing', async () => {
      const auditBefore = (await auditRows()).length;
      const response = await request(http)
        .post('/api/v1/queues')
        .set(admin())
        .send({ ...SLURM_QUEUE, id: 'cern-q1' })
        .expect(409);
      expect(response.body).toMatchObject({ code: 'QUEUE_ID_TAKEN', details: [{ field: 'id' }] });
      expect(await auditRows()).toHaveLength(auditBefore);
      const unchanged = await request(http).get('/api/v1/queues/cern-q1').set(viewer()).expect(200);
      expect(unchanged.body.name).toBe('CERN main');
    });
  });

  describe('PATCH /api/v1/queues/:id', () => {
    beforeAll(async () => {
      await request(http)
        .post('/api/v1/queues')
        .set(admin())
        .send({ ...SLURM_QUEUE, id: 'patch-me' })
        .expect(201);
    });

    it('changes only the given fields, replacing labels, and writes one audit row', async () => {
      const auditBefore = (await auditRows()).length;
      const response = await request(http)
        .patch('/api/v1/queues/patch-me')
        .set(admin())
        .send({ name: 'renamed', labels: { cloud: 'FR' }, protected: true, autoExclusion: false, siteId: 'BNL' })
        .expect(200);
      expect(response.body).toMatchObject({
        id: 'patch-me',
        name: 'renamed',
        site: { id: 'BNL', name: 'Brookhaven' },
        backend: 'slurm',
        backendConfig: { partition: 'short', account: 'atlas' },
        labels: { cloud: 'FR' },
        protected: true,
        autoExclusion: false,
      });
      const audit = await auditRows();
      expect(audit).toHaveLength(auditBefore + 1);
      expect(audit[audit.length - 1]).toMatchObject({
        actor: 'test-admin',
        action: 'queue.updated',
        target: 'queue:patch-me',
        details: { changes: { name: 'renamed', siteId: 'BNL', labels: { cloud: 'FR' } } },
      });
    });

    it('lets an operator change the name, labels and auto-exclusion, but not the site, backend, config or protected', async () => {
      const patch = (body: object) => request(http).patch('/api/v1/queues/patch-me').set(operator()).send(body);
      const before = (await request(http).get('/api/v1/queues/patch-me').set(viewer()).expect(200)).body;
      const auditBefore = (await auditRows()).length;
      const refused = await patch({
        name: 'by-operator',
        siteId: 'CERN',
        backend: 'kubernetes',
        backendConfig: { namespace: 'x' },
        protected: false,
      }).expect(403);
      expect(refused.body).toMatchObject({
        code: 'FORBIDDEN',
        message: 'changing siteId, backend, backendConfig, protected needs the admin role; test-operator has operator',
        details: ['siteId', 'backend', 'backendConfig', 'protected'].map((field) => ({
          field,
          problem: 'changes only with the admin role (operator given)',
        })),
      });
      expect((await patch({ protected: false }).expect(403)).body.details).toEqual([
        { field: 'protected', problem: 'changes only with the admin role (operator given)' },
      ]);
      expect((await request(http).get('/api/v1/queues/patch-me').set(viewer()).expect(200)).body).toEqual(before);
      expect(await auditRows()).toHaveLength(auditBefore);

      const changed = await patch({ name: 'by-operator', labels: { cloud: 'DE' }, autoExclusion: true }).expect(200);
      expect(changed.body).toMatchObject({ name: 'by-operator', labels: { cloud: 'DE' }, autoExclusion: true });
      await patch({ name: 'renamed', labels: { cloud: 'FR' }, autoExclusion: false }).expect(200);
    });

    it('checks a new backend against the stored config, and a new config against the stored backend', async () => {
      const refused = await request(http)
        .patch('/api/v1/queues/patch-me')
        .set(admin())
        .send({ backend: 'kubernetes' })
        .expect(400);
      // The stored config's first field (jsonb orders keys by length) that Kubernetes does not know.
      expect(refused.body.details).toEqual([
        { field: 'backendConfig.account', problem: expect.stringContaining('is not a known field') },
      ]);
      const badConfig = await request(http)
        .patch('/api/v1/queues/patch-me')
        .set(admin())
        .send({ backendConfig: { qos: 'high' } })
        .expect(400);
      expect(badConfig.body.details).toEqual([
        { field: 'backendConfig.partition', problem: 'is required (backend slurm)' },
      ]);
      const both = await request(http)
        .patch('/api/v1/queues/patch-me')
        .set(admin())
        .send({ backend: 'kubernetes', backendConfig: { namespace: 'anvil-tests' } })
        .expect(200);
      expect(both.body).toMatchObject({ backend: 'kubernetes', backendConfig: { namespace: 'anvil-tests' } });
    });

    it('refuses an empty change, a null, an unknown site or field, a viewer; 404 for an unknown queue', async () => {
      const patch = (id: string, body: object, role: 'viewer' | 'operator' | 'admin' = 'operator') =>
        request(http).patch(`/api/v1/queues/${id}`).set(gateway.auth(role)).send(body);
      expect((await patch('patch-me', {}).expect(400)).body.details).toEqual([
        { field: 'body', problem: 'must change at least one field' },
      ]);
      expect((await patch('patch-me', { name: null }).expect(400)).body.details[0].field).toBe('name');
      expect((await patch('patch-me', { labels: null }).expect(400)).body.details[0].field).toBe('labels');
      expect((await patch('patch-me', { backendConfig: null }).expect(400)).body.details[0].field).toBe(
        'backendConfig',
      );
      expect((await patch('patch-me', { siteId: 'NOWHERE' }, 'admin').expect(400)).body.details).toEqual([
        { field: 'siteId', problem: 'names no existing site (NOWHERE)' },
      ]);
      expect((await patch('patch-me', { id: 'other' }).expect(400)).body.details).toEqual([
        { field: 'id', problem: 'is not an allowed property' },
      ]);
      expect((await patch('patch-me', { name: 'x' }, 'viewer').expect(403)).body.code).toBe('FORBIDDEN');
      expect((await patch('nowhere-q9', { name: 'x' }).expect(404)).body.code).toBe('QUEUE_NOT_FOUND');
      const unchanged = await request(http).get('/api/v1/queues/patch-me').set(viewer()).expect(200);
      expect(unchanged.body).toMatchObject({ name: 'renamed', site: { id: 'BNL' } });
    });
  });
});
