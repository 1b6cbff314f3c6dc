import request from 'supertest';
import type { App } from 'supertest/types';
import { presetPolicy } from '@anvil/policy';
import { startGateway, type GatewayUnderTest } from './gateway-app';

/** A small valid policy document, without a version. */
const SITE_ERRORS = {
  name: 'site-errors',
  description: 'five site failures in a row',
  enforce: false,
  countErrorClasses: ['site'],
  evidence: { maxAge: '4h' },
  exclude: { consecutiveFailures: { count: 5 } },
  recover: { consecutiveSuccesses: { count: 2 } },
};

describe('policies API', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    // What a decider records when it starts on a preset (services/decider PolicyRepository.record).
    const preset = presetPolicy('hammercloud-classic');
    await gateway.db.dataSource.query(
      `INSERT INTO policies (name, version, document, enforce, created_by) VALUES ($1, $2, $3::jsonb, $4, 'decider-1')`,
      [preset.name, preset.version, JSON.stringify(preset), preset.enforce],
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const viewer = () => gateway.auth('viewer');
  const operator = () => gateway.auth('operator');

  const auditRows = (): Promise<{ actor: string; action: string; target: string; details: unknown }[]> =>
    gateway.db.dataSource.query(`SELECT actor, action, target, details FROM audit_log ORDER BY id`);

  const policyRows = async (): Promise<number> =>
    (await gateway.db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM policies`))[0].n;

  /** Asserts a 400 naming the fields, and that no policy and no audit row was written. */
  async function expectRefused(body: object): Promise<{ field: string; problem: string }[]> {
    const [before, auditBefore] = [await policyRows(), (await auditRows()).length];
    const response = await request(http).post('/api/v1/policies').set(operator()).send(body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(await policyRows()).toBe(before);
    expect(await auditRows()).toHaveLength(auditBefore);
    return response.body.details;
  }

  describe('POST /api/v1/policies', () => {
    it('records version 1 of a new policy, normalised as the decider stores it, with one audit row', async () => {
      const auditBefore = (await auditRows()).length;
      const response = await request(http)
        .post('/api/v1/policies')
        .set(operator())
        .send({ document: SITE_ERRORS })
        .expect(201);
      expect(response.body).toEqual({
        name: 'site-errors',
        version: 1,
        description: 'five site failures in a row',
        enforce: false,
        active: false,
        activatedAt: null,
        activatedBy: null,
        createdBy: 'test-operator',
        createdAt: expect.any(String),
        document: { ...SITE_ERRORS, version: 1, ...normalised() },
      });
      const audit = await auditRows();
      expect(audit).toHaveLength(auditBefore + 1);
      expect(audit[audit.length - 1]).toEqual({
        actor: 'test-operator',
        action: 'policy.created',
        target: 'policy:site-errors',
        details: {
          name: 'site-errors',
          version: 1,
          identity: { id: expect.any(String), role: 'operator', via: 'api-token' },
        },
      });
    });

    it('gives the next version when the document has none, and takes a newer one it names', async () => {
      const second = await request(http)
        .post('/api/v1/policies')
        .set(operator())
        .send({ document: { ...SITE_ERRORS, enforce: true } })
        .expect(201);
      expect(second.body).toMatchObject({ version: 2, enforce: true, document: { version: 2 } });
      const fifth = await request(http)
        .post('/api/v1/policies')
        .set(operator())
        .send({ document: { ...SITE_ERRORS, version: 5 } })
        .expect(201);
      expect(fifth.body.version).toBe(5);
    });

    it('answers 409 naming document.version for a version recorded already, and writes nothing', async () => {
      const before = await policyRows();
      const response = await request(http)
        .post('/api/v1/policies')
        .set(operator())
        .send({ document: { ...SITE_ERRORS, version: 2, enforce: false } })
        .expect(409);
      expect(response.body).toMatchObject({
        code: 'POLICY_VERSION_TAKEN',
        details: [{ field: 'document.version', problem: expect.stringContaining('leave it out to get 6') }],
      });
      expect(await policyRows()).toBe(before);
      const unchanged = await request(http).get('/api/v1/policies/site-errors/versions/2').set(viewer()).expect(200);
      expect(unchanged.body.enforce).toBe(true);
    });

    it('refuses an invalid document with every problem named under document', async () => {
      const details = await expectRefused({
        document: { ...SITE_ERRORS, enforce: 'no', exclude: { consecutiveFailures: { count: 0 } }, colour: 'red' },
      });
      expect(details.map((d) => d.field)).toEqual(
        expect.arrayContaining(['document.enforce', 'document.exclude.consecutiveFailures.count', 'document.colour']),
      );
      expect(details.find((d) => d.field === 'document.enforce')?.problem).toBe('must be true or false');
      expect((await expectRefused({ document: { ...SITE_ERRORS, name: 'a b' } }))[0].field).toBe('document.name');
      expect((await expectRefused({ document: { ...SITE_ERRORS, version: 0 } }))[0].field).toBe('document.version');
      expect(await expectRefused({})).toEqual([{ field: 'document', problem: 'is required' }]);
      expect((await expectRefused({ document: [] }))[0].field).toBe('document');
      expect(await expectRefused({ document: SITE_ERRORS, activate: true })).toEqual([
        { field: 'activate', problem: 'is not an allowed property' },
      ]);
    });

    it('is refused to a viewer', async () => {
      const response = await request(http)
        .post('/api/v1/policies')
        .set(viewer())
        .send({ document: SITE_ERRORS })
        .expect(403);
      expect(response.body.code).toBe('FORBIDDEN');
    });
  });

  describe('GET /api/v1/policies', () => {
    it('lists every version by name then newest first, without documents', async () => {
      const response = await request(http).get('/api/v1/policies').set(viewer()).expect(200);
      expect(response.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(response.body.items.map((p: { name: string; version: number }) => `${p.name}:${p.version}`)).toEqual([
        'hammercloud-classic:1',
        'site-errors:5',
        'site-errors:2',
        'site-errors:1',
      ]);
      expect(response.body.items[0]).toMatchObject({ createdBy: 'decider-1', active: false });
      expect(response.body.items[0].document).toBeUndefined();
    });

    it('filters on name and active, pages, and refuses a bad filter', async () => {
      const named = await request(http).get('/api/v1/policies?name=site-errors&limit=1&offset=1').set(viewer());
      expect(named.status).toBe(200);
      expect(named.body).toMatchObject({ items: [{ version: 2 }], total: 3, limit: 1, offset: 1 });
      const active = await request(http).get('/api/v1/policies?active=true').set(viewer()).expect(200);
      expect(active.body).toMatchObject({ items: [], total: 0 });
      const bad = await request(http).get('/api/v1/policies?active=maybe').set(viewer()).expect(400);
      expect(bad.body.details[0].field).toBe('active');
    });

    it('gives the newest version of a name, or one version, with its document', async () => {
      const latest = await request(http).get('/api/v1/policies/site-errors').set(viewer()).expect(200);
      expect(latest.body).toMatchObject({ name: 'site-errors', version: 5, document: { version: 5 } });
      const classic = await request(http).get('/api/v1/policies/hammercloud-classic/versions/1').set(viewer());
      expect(classic.status).toBe(200);
      expect(classic.body.document).toEqual(JSON.parse(JSON.stringify(presetPolicy('hammercloud-classic'))));
    });

    it('answers 404 naming what is unknown, 400 for a bad name or version', async () => {
      const name = await request(http).get('/api/v1/policies/nothing').set(viewer()).expect(404);
      expect(name.body).toMatchObject({ code: 'POLICY_NOT_FOUND', details: [{ field: 'name' }] });
      const version = await request(http).get('/api/v1/policies/site-errors/versions/3').set(viewer()).expect(404);
      expect(version.body).toMatchObject({ code: 'POLICY_NOT_FOUND', details: [{ field: 'version' }] });
      const bad = await request(http).get('/api/v1/policies/site-errors/versions/0').set(viewer()).expect(400);
      expect(bad.body.details).toEqual([{ field: 'version', problem: 'must be a positive integer' }]);
      const badName = await request(http).get('/api/v1/policies/a.b').set(viewer()).expect(400);
      expect(badName.body.details[0].field).toBe('name');
    });
  });

  describe('POST /api/v1/policies/:name/versions/:version/activate', () => {
    const activate = (name: string, version: number, role: 'operator' | 'admin' = 'admin') =>
      request(http).post(`/api/v1/policies/${name}/versions/${version}/activate`).set(gateway.auth(role));

    it('makes the version active (admin), audited with the version it replaced', async () => {
      const first = await activate('hammercloud-classic', 1).expect(200);
      expect(first.body).toMatchObject({
        name: 'hammercloud-classic',
        version: 1,
        active: true,
        activatedBy: 'test-admin',
        activatedAt: expect.any(String),
      });
      const second = await activate('site-errors', 2).expect(200);
      expect(second.body).toMatchObject({ version: 2, active: true });
      const active = await request(http).get('/api/v1/policies?active=true').set(viewer()).expect(200);
      expect(active.body.items.map((p: { name: string; version: number }) => `${p.name}:${p.version}`)).toEqual([
        'site-errors:2',
      ]);
      const audit = await auditRows();
      expect(audit[audit.length - 1]).toEqual({
        actor: 'test-admin',
        action: 'policy.activated',
        target: 'policy:site-errors',
        details: {
          name: 'site-errors',
          version: 2,
          previous: { name: 'hammercloud-classic', version: 1 },
          identity: { id: expect.any(String), role: 'admin', via: 'api-token' },
        },
      });
    });

    it('changes nothing when the version is active already', async () => {
      const auditBefore = (await auditRows()).length;
      const again = await activate('site-errors', 2).expect(200);
      expect(again.body).toMatchObject({ version: 2, active: true });
      expect(await auditRows()).toHaveLength(auditBefore);
    });

    it('leaves one version active when several activations race', async () => {
      await Promise.all([1, 5, 2, 1, 5].map((version) => activate('site-errors', version).expect(200)));
      const active = await request(http).get('/api/v1/policies?active=true').set(viewer()).expect(200);
      expect(active.body.total).toBe(1);
    });

    it('is for admins only, and answers 404 for an unknown version', async () => {
      const before = await request(http).get('/api/v1/policies?active=true').set(viewer()).expect(200);
      const forbidden = await activate('hammercloud-classic', 1, 'operator').expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      const unknown = await activate('site-errors', 9).expect(404);
      expect(unknown.body).toMatchObject({ code: 'POLICY_NOT_FOUND', details: [{ field: 'version' }] });
      const after = await request(http).get('/api/v1/policies?active=true').set(viewer()).expect(200);
      expect(after.body.items).toEqual(before.body.items);
    });
  });
});

/** The fields parsePolicy adds to SITE_ERRORS, and its durations in milliseconds. */
function normalised(): Record<string, unknown> {
  return {
    evidence: { maxAge: 4 * 3600 * 1000, perTemplate: 10, perQueue: 50 },
    minExclusion: 0,
    backoff: { base: 0, multiplier: 1, max: 0, decay: 0 },
    guards: { protectedQueues: [], maxExcludedPercent: [] },
  };
}
