import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { loadExampleWorkload } from '@anvil/testing';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A template as the API answers it (the fields these tests read). */
interface TemplateBody {
  id: string;
  name: string;
  active: boolean;
  currentVersion: number;
  robot: boolean;
  workload: unknown;
  updatedAt: string;
  versions: { version: number; kind: string }[];
}

function template(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `ping-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'functional',
    description: 'pings CERN',
    workload: { command: '/bin/true', env: { MODE: 'ping' }, resources: { timeLimitSeconds: 600 } },
    queueSelector: { queueIds: ['cern-q1', 'cern-q2'] },
    submissionProfile: { minQueueDepth: 1, maxRunning: 2 },
    lifetimeSeconds: 3600,
    ...overrides,
  };
}

describe('templates API', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway({ bodyLimit: '4kb' });
    http = gateway.app.getHttpServer();
    await seedGrid(gateway.db.dataSource);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  /** A write as an operator. */
  const post = (path: string, body?: object) => {
    const call = request(http).post(path).set(gateway.auth('operator'));
    return body === undefined ? call : call.send(body);
  };
  /** A read as a viewer. */
  const get = (path: string) => request(http).get(path).set(gateway.auth('viewer'));

  async function createTemplate(overrides: Record<string, unknown> = {}): Promise<TemplateBody> {
    return (await post('/api/v1/templates', template(overrides)).expect(201)).body;
  }

  async function expectBadRequest(body: unknown, field: string): Promise<{ field: string; problem: string }[]> {
    const response = await post('/api/v1/templates', body as object).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(JSON.stringify(response.body)).not.toContain('    at ');
    return response.body.details;
  }

  describe('POST /api/v1/templates', () => {
    it('creates version 1 and an audit row, and lists it, when the template is valid', async () => {
      const body = template({ name: 'hc-ping-cern' });
      const created = await post('/api/v1/templates', body).set('X-Request-ID', 'req-create-1').expect(201);

      expect(created.body).toMatchObject({
        name: 'hc-ping-cern',
        active: true,
        currentVersion: 1,
        kind: 'functional',
        description: 'pings CERN',
        workload: { command: '/bin/true', env: { MODE: 'ping' }, resources: { timeLimitSeconds: 600 } },
        queueSelector: { queueIds: ['cern-q1', 'cern-q2'] },
        submissionProfile: { minQueueDepth: 1, maxRunning: 2 },
        lifetimeSeconds: 3600,
        robot: true,
        golden: false,
        policy: null,
        createdBy: 'test-operator',
      });
      expect(created.body.id).toMatch(UUID);

      const versions = await gateway.db.dataSource.query(
        `SELECT version, kind, robot FROM template_versions WHERE template_id = $1`,
        [created.body.id],
      );
      expect(versions).toEqual([{ version: 1, kind: 'functional', robot: true }]);
      const audit = await gateway.db.dataSource.query(
        `SELECT actor, action, target, request_id AS "requestId" FROM audit_log WHERE target = $1`,
        [`template:${created.body.id}`],
      );
      expect(audit).toEqual([
        {
          actor: 'test-operator',
          action: 'template.created',
          target: `template:${created.body.id}`,
          requestId: 'req-create-1',
        },
      ]);

      expect(created.body.versions).toEqual([
        { version: 1, kind: 'functional', createdBy: 'test-operator', createdAt: created.body.createdAt },
      ]);
      const { versions: _versions, ...listItem } = created.body;
      const listed = await get('/api/v1/templates').expect(200);
      expect(listed.body.items).toContainEqual(listItem);
      const fetched = await get(`/api/v1/templates/${created.body.id}`).expect(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('does not make a robot of a stress template when robot is not given', async () => {
      const created = await createTemplate({ kind: 'stress', queueSelector: { labels: { cloud: 'US' } } });
      expect(created.robot).toBe(false);
    });

    it('refuses a missing name, naming the field', async () => {
      const { name: _name, ...body } = template();
      const details = await expectBadRequest(body, 'name');
      expect(details).toEqual([{ field: 'name', problem: 'is required' }]);
    });

    it('reports the type rule first when a value has the wrong type', async () => {
      const details = await expectBadRequest(template({ lifetimeSeconds: '3600' }), 'lifetimeSeconds');
      expect(details).toEqual([{ field: 'lifetimeSeconds', problem: 'must be an integer number' }]);
    });

    it('refuses a body that is not a JSON object', async () => {
      await expectBadRequest([template()], 'body');
      const text = await post('/api/v1/templates').set('Content-Type', 'text/plain').send('hello');
      expect(text.status).toBe(400);
      expect(text.body.details).toEqual([
        { field: 'body', problem: 'must be a JSON object (Content-Type: application/json)' },
      ]);
    });

    it('refuses a bad kind, naming the field and the allowed values', async () => {
      const details = await expectBadRequest(template({ kind: 'soak' }), 'kind');
      expect(details[0].problem).toContain('functional, stress, benchmark');
    });

    it('refuses minQueueDepth above maxRunning, naming both', async () => {
      const details = await expectBadRequest(
        template({ submissionProfile: { minQueueDepth: 5, maxRunning: 2 } }),
        'submissionProfile.minQueueDepth',
      );
      expect(details).toEqual([
        { field: 'submissionProfile.minQueueDepth', problem: 'must be ≤ submissionProfile.maxRunning' },
      ]);
    });

    it('refuses an unknown queue id, naming its position', async () => {
      const details = await expectBadRequest(
        template({ queueSelector: { queueIds: ['cern-q1', 'nowhere-q9'] } }),
        'queueSelector.queueIds[1]',
      );
      expect(details).toHaveLength(1);
      expect(details[0].problem).toContain('nowhere-q9');
    });

    it('refuses a selector that selects no queue', async () => {
      await expectBadRequest(template({ queueSelector: { labels: { cloud: 'DE' } } }), 'queueSelector');
    });

    it('refuses an unknown property, top-level or nested', async () => {
      const top = await expectBadRequest(template({ colour: 'red' }), 'colour');
      expect(top).toEqual([{ field: 'colour', problem: 'is not an allowed property' }]);
      await expectBadRequest(template({ workload: { command: 'x', colour: 'red' } }), 'workload.colour');
    });

    it('names each broken field of a malformed workload spec', async () => {
      const details = await expectBadRequest(
        template({
          workload: {
            script: 'echo hi',
            metrics: [{ name: 'events_per_second', pattern: 'events/s: [0-9.]+' }],
            errorRules: [{ errorClass: 'weather', exitCodes: [66] }],
          },
        }),
        'workload.metrics[0].pattern',
      );
      expect(details.map((d) => d.field)).toEqual(['workload.metrics[0].pattern', 'workload.errorRules[0].errorClass']);
      await expectBadRequest(template({ workload: { command: 'a', script: 'b' } }), 'workload');
      await expectBadRequest(
        template({ workload: { command: 'a', success: { outputPattern: '(' } } }),
        'workload.success.outputPattern',
      );
    });

    it('accepts the example workloads of docs/examples', async () => {
      for (const name of ['cpu-benchmark', 'data-access-check'] as const) {
        const created = await createTemplate({ name: `example-${name}`, workload: loadExampleWorkload(name) });
        expect(created.workload).toEqual(loadExampleWorkload(name));
      }
    });

    it('names the nested field when a nested value has the wrong type', async () => {
      await expectBadRequest(
        template({ submissionProfile: { minQueueDepth: 1, maxRunning: 'two' } }),
        'submissionProfile.maxRunning',
      );
      await expectBadRequest(template({ workload: 'run it' }), 'workload');
    });

    it('answers 400 invalid JSON body when the JSON is malformed', async () => {
      const response = await post('/api/v1/templates')
        .set('Content-Type', 'application/json')
        .send('{"name": "x",')
        .expect(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        code: 'INVALID_JSON',
        message: 'invalid JSON body',
        details: [{ field: 'body' }],
      });
    });

    it('answers 413 when the body is over the limit', async () => {
      const response = await post('/api/v1/templates', template({ description: 'x'.repeat(8000) })).expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'body' }] });
    });

    it('answers 409 and writes nothing when the name is taken', async () => {
      await createTemplate({ name: 'taken' });
      const auditBefore = await gateway.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);

      const response = await post('/api/v1/templates', template({ name: 'taken' })).expect(409);

      expect(response.body).toMatchObject({
        statusCode: 409,
        code: 'TEMPLATE_NAME_TAKEN',
        details: [{ field: 'name' }],
      });
      const auditAfter = await gateway.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);
      expect(auditAfter).toEqual(auditBefore);
      const rows = await gateway.db.dataSource.query(`SELECT count(*)::int AS n FROM templates WHERE name = 'taken'`);
      expect(rows).toEqual([{ n: 1 }]);
    });
  });

  describe('GET /api/v1/templates', () => {
    it('filters on active when asked', async () => {
      const inactive = await createTemplate({ name: 'retired', active: false });

      const onlyInactive = await get('/api/v1/templates?active=false').expect(200);
      expect(onlyInactive.body.items.map((t: { id: string }) => t.id)).toEqual([inactive.id]);
      const onlyActive = await get('/api/v1/templates?active=true').expect(200);
      expect(onlyActive.body.items.length).toBeGreaterThan(0);
      expect(onlyActive.body.items.every((t: { active: boolean }) => t.active)).toBe(true);
    });

    it('refuses an active value that is not a boolean', async () => {
      const response = await get('/api/v1/templates?active=maybe').expect(400);
      expect(response.body.details[0].field).toBe('active');
    });

    it('answers 400 naming id when the id is not a uuid', async () => {
      const response = await get('/api/v1/templates/not-a-uuid').expect(400);
      expect(response.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });

    it('answers 404 JSON when the template does not exist', async () => {
      const response = await get('/api/v1/templates/6a0b3c1e-0000-4000-8000-000000000000').expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'TEMPLATE_NOT_FOUND' });
    });
  });

  describe('GET /api/v1/templates: filters and pages', () => {
    beforeAll(async () => {
      for (const [name, kind] of [
        ['pager-Alpha', 'functional'],
        ['pager-beta', 'stress'],
        ['pager-gamma', 'benchmark'],
        ['PAGER-delta', 'stress'],
      ] as const) {
        await createTemplate({ name, kind });
      }
    });

    const names = (body: { items: { name: string }[] }): string[] => body.items.map((t) => t.name);

    it('finds names containing the text in any case, sorted by name, with the total', async () => {
      const response = await get('/api/v1/templates?name=PaGeR').expect(200);
      expect(response.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(names(response.body)).toEqual(['PAGER-delta', 'pager-Alpha', 'pager-beta', 'pager-gamma']);
    });

    it('keeps the kind asked for, combined with the name', async () => {
      const response = await get('/api/v1/templates?name=pager&kind=stress').expect(200);
      expect(names(response.body)).toEqual(['PAGER-delta', 'pager-beta']);
      expect(response.body.total).toBe(2);
    });

    it('pages with limit and offset, and gives the total past the last page', async () => {
      const page = await get('/api/v1/templates?name=pager&limit=2&offset=1').expect(200);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(names(page.body)).toEqual(['pager-Alpha', 'pager-beta']);
      const past = await get('/api/v1/templates?name=pager&offset=10').expect(200);
      expect(past.body).toEqual({ items: [], total: 4, limit: 50, offset: 10 });
    });

    it('takes % and _ in the name as plain text', async () => {
      const response = await get('/api/v1/templates?name=%25').expect(200);
      expect(response.body.items).toEqual([]);
      expect((await get('/api/v1/templates?name=pager_').expect(200)).body.total).toBe(0);
    });

    it('refuses a bad kind, an empty name and a limit above 500, naming each', async () => {
      const response = await get('/api/v1/templates?kind=soak&name=&limit=501').expect(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'limit', 'name']);
    });
  });

  describe('versions', () => {
    let base: TemplateBody;

    beforeAll(async () => {
      base = await createTemplate({ name: 'versioned', kind: 'stress', policy: 'strict' });
    });

    function definition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
      const { name: _name, active: _active, ...content } = template({ kind: 'stress', policy: 'strict', ...overrides });
      return content;
    }

    it('adds version 2 as the current one, keeps version 1, and audits it with the request', async () => {
      const response = await post(
        `/api/v1/templates/${base.id}/versions`,
        definition({
          submissionProfile: { minQueueDepth: 1, maxRunning: 5 },
          queueSelector: { queueIds: ['cern-q1'] },
        }),
      )
        .set('X-Request-ID', 'req-version-2')
        .expect(201);

      expect(response.headers.location).toBe(`/api/v1/templates/${base.id}/versions/2`);
      expect(response.body).toMatchObject({
        templateId: base.id,
        version: 2,
        current: true,
        kind: 'stress',
        submissionProfile: { minQueueDepth: 1, maxRunning: 5 },
        queueSelector: { queueIds: ['cern-q1'] },
        robot: false,
        policy: 'strict',
        createdBy: 'test-operator',
      });
      const detail = await get(`/api/v1/templates/${base.id}`).expect(200);
      expect(detail.body).toMatchObject({ currentVersion: 2, submissionProfile: { maxRunning: 5 } });
      expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(Date.parse(detail.body.updatedAt)).toBeGreaterThan(Date.parse(base.updatedAt));

      const first = await get(`/api/v1/templates/${base.id}/versions/1`).expect(200);
      expect(first.body).toMatchObject({ version: 1, current: false, submissionProfile: { maxRunning: 2 } });
      const audit = await gateway.db.dataSource.query(
        `SELECT actor, details, request_id AS "requestId" FROM audit_log WHERE action = 'template.version-created'`,
      );
      expect(audit).toEqual([
        {
          actor: 'test-operator',
          details: {
            version: 2,
            kind: 'stress',
            identity: { id: expect.any(String), role: 'operator', via: 'api-token' },
          },
          requestId: 'req-version-2',
        },
      ]);
    });

    it('numbers versions created at the same moment one after the other', async () => {
      const target = await createTemplate({ name: 'raced', kind: 'stress' });
      const responses = await Promise.all(
        [2, 3, 4, 5, 6].map((n) =>
          post(`/api/v1/templates/${target.id}/versions`, definition({ lifetimeSeconds: 60 * n })),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(responses.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5, 6]);
      const detail = await get(`/api/v1/templates/${target.id}`).expect(200);
      expect(detail.body.currentVersion).toBe(6);
      expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
    });

    it('validates a version like a new template, and writes nothing when it is refused', async () => {
      const bad = await post(`/api/v1/templates/${base.id}/versions`, definition({ robot: true })).expect(400);
      expect(bad.body.details).toEqual([{ field: 'robot', problem: 'can be true only when kind is functional' }]);
      const unknownQueue = await post(
        `/api/v1/templates/${base.id}/versions`,
        definition({ queueSelector: { queueIds: ['nowhere'] } }),
      ).expect(400);
      expect(unknownQueue.body.details[0].field).toBe('queueSelector.queueIds[0]');
      const named = await post(`/api/v1/templates/${base.id}/versions`, { ...definition(), name: 'renamed' });
      expect(named.status).toBe(400);
      expect(named.body.details).toEqual([{ field: 'name', problem: 'is not an allowed property' }]);
      const versions = await gateway.db.dataSource.query(
        `SELECT count(*)::int AS n FROM template_versions WHERE template_id = $1`,
        [base.id],
      );
      expect(versions).toEqual([{ n: 2 }]);
    });

    it('answers 404 for a version of an unknown template, and 400 for a malformed id', async () => {
      const missing = await post(`/api/v1/templates/${randomUUID()}/versions`, definition()).expect(404);
      expect(missing.body.code).toBe('TEMPLATE_NOT_FOUND');
      const malformed = await post('/api/v1/templates/abc/versions', definition()).expect(400);
      expect(malformed.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });

    it('refuses a viewer', async () => {
      await request(http)
        .post(`/api/v1/templates/${base.id}/versions`)
        .set(gateway.auth('viewer'))
        .send(definition())
        .expect(403);
    });

    it('answers 404 naming version for a version that does not exist, 400 for one that is not a number', async () => {
      const missing = await get(`/api/v1/templates/${base.id}/versions/99`).expect(404);
      expect(missing.body).toMatchObject({
        code: 'TEMPLATE_VERSION_NOT_FOUND',
        details: [{ field: 'version' }],
      });
      for (const version of ['0', 'two', '1.5', '99999999999']) {
        const bad = await get(`/api/v1/templates/${base.id}/versions/${version}`).expect(400);
        expect(bad.body.details).toEqual([{ field: 'version', problem: 'must be an integer from 1' }]);
      }
      const unknown = await get(`/api/v1/templates/${randomUUID()}/versions/1`).expect(404);
      expect(unknown.body.code).toBe('TEMPLATE_NOT_FOUND');
    });
  });

  describe('GET /api/v1/templates/:id/diff', () => {
    let id: string;

    beforeAll(async () => {
      const created = await createTemplate({
        name: 'diffed',
        workload: { command: '/bin/true', env: { MODE: 'ping' } },
      });
      id = created.id;
      const {
        name: _n,
        active: _a,
        ...v2
      } = template({
        workload: { command: '/bin/true', env: { MODE: 'stress' }, resources: { cores: 2 } },
        queueSelector: { queueIds: ['cern-q2', 'cern-q1'] },
        golden: true,
      });
      await post(`/api/v1/templates/${id}/versions`, v2).expect(201);
    });

    it('lists every changed value by JSON pointer with its values before and after', async () => {
      const response = await get(`/api/v1/templates/${id}/diff?from=1&to=2`).expect(200);
      expect(response.body).toEqual({
        templateId: id,
        from: 1,
        to: 2,
        changes: [
          { path: '/golden', change: 'changed', before: false, after: true },
          { path: '/queueSelector/queueIds/0', change: 'changed', before: 'cern-q1', after: 'cern-q2' },
          { path: '/queueSelector/queueIds/1', change: 'changed', before: 'cern-q2', after: 'cern-q1' },
          { path: '/workload/env/MODE', change: 'changed', before: 'ping', after: 'stress' },
          { path: '/workload/resources', change: 'added', after: { cores: 2 } },
        ],
      });
    });

    it('gives the reverse changes from the newer to the older version, and none between a version and itself', async () => {
      const reverse = await get(`/api/v1/templates/${id}/diff?from=2&to=1`).expect(200);
      expect(reverse.body.changes).toContainEqual({
        path: '/workload/resources',
        change: 'removed',
        before: { cores: 2 },
      });
      const same = await get(`/api/v1/templates/${id}/diff?from=2&to=2`).expect(200);
      expect(same.body.changes).toEqual([]);
    });

    it('answers 404 naming the parameter whose version does not exist', async () => {
      const response = await get(`/api/v1/templates/${id}/diff?from=1&to=7`).expect(404);
      expect(response.body).toMatchObject({ code: 'TEMPLATE_VERSION_NOT_FOUND', details: [{ field: 'to' }] });
    });

    it('refuses missing or malformed versions, naming each', async () => {
      const missing = await get(`/api/v1/templates/${id}/diff?to=2`).expect(400);
      expect(missing.body.details).toEqual([{ field: 'from', problem: 'is required' }]);
      const malformed = await get(`/api/v1/templates/${id}/diff?from=0&to=x`).expect(400);
      expect(malformed.body.details.map((d: { field: string }) => d.field)).toEqual(['from', 'to']);
    });
  });

  describe('activate and deactivate', () => {
    it('deactivates and activates again, auditing only the changes', async () => {
      const created = await createTemplate({ name: 'toggled' });
      const off = await post(`/api/v1/templates/${created.id}/deactivate`).expect(200);
      expect(off.body).toMatchObject({ id: created.id, active: false, currentVersion: 1 });
      await post(`/api/v1/templates/${created.id}/deactivate`).expect(200);
      expect((await get(`/api/v1/templates/${created.id}`).expect(200)).body.active).toBe(false);
      const on = await post(`/api/v1/templates/${created.id}/activate`).expect(200);
      expect(on.body.active).toBe(true);

      const audit = await gateway.db.dataSource.query(
        `SELECT action, actor FROM audit_log WHERE target = $1 ORDER BY id`,
        [`template:${created.id}`],
      );
      expect(audit).toEqual([
        { action: 'template.created', actor: 'test-operator' },
        { action: 'template.deactivated', actor: 'test-operator' },
        { action: 'template.activated', actor: 'test-operator' },
      ]);
    });

    it('answers 404 for an unknown template and 400 for a malformed id', async () => {
      const response = await post(`/api/v1/templates/${randomUUID()}/activate`).expect(404);
      expect(response.body.code).toBe('TEMPLATE_NOT_FOUND');
      await post('/api/v1/templates/nope/deactivate').expect(400);
    });
  });

  it('answers an unknown route with the same JSON error shape', async () => {
    const response = await get('/api/v1/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', details: [] });
  });
});
