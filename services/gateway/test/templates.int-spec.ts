import request from 'supertest';
import type { App } from 'supertest/types';
import { loadExampleWorkload } from '@anvil/testing';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

  async function expectBadRequest(body: unknown, field: string): Promise<{ field: string; problem: string }[]> {
    const response = await request(http)
      .post('/api/v1/templates')
      .send(body as object)
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
    expect(response.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(JSON.stringify(response.body)).not.toContain('    at ');
    return response.body.details;
  }

  describe('POST /api/v1/templates', () => {
    it('creates version 1 and an audit row, and lists it, when the template is valid', async () => {
      const body = template({ name: 'hc-ping-cern' });
      const created = await request(http)
        .post('/api/v1/templates')
        .set('X-Request-ID', 'req-create-1')
        .send(body)
        .expect(201);

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
        createdBy: 'anonymous',
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
          actor: 'anonymous',
          action: 'template.created',
          target: `template:${created.body.id}`,
          requestId: 'req-create-1',
        },
      ]);

      const listed = await request(http).get('/api/v1/templates').expect(200);
      expect(listed.body.items).toContainEqual(created.body);
      const fetched = await request(http).get(`/api/v1/templates/${created.body.id}`).expect(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('does not make a robot of a stress template when robot is not given', async () => {
      const created = await request(http)
        .post('/api/v1/templates')
        .send(template({ kind: 'stress', queueSelector: { labels: { cloud: 'US' } } }))
        .expect(201);
      expect(created.body.robot).toBe(false);
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
      const text = await request(http).post('/api/v1/templates').set('Content-Type', 'text/plain').send('hello');
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
        const response = await request(http)
          .post('/api/v1/templates')
          .send(template({ name: `example-${name}`, workload: loadExampleWorkload(name) }))
          .expect(201);
        expect(response.body.workload).toEqual(loadExampleWorkload(name));
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
      const response = await request(http)
        .post('/api/v1/templates')
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
      const response = await request(http)
        .post('/api/v1/templates')
        .send(template({ description: 'x'.repeat(8000) }))
        .expect(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'body' }] });
    });

    it('answers 409 and writes nothing when the name is taken', async () => {
      await request(http)
        .post('/api/v1/templates')
        .send(template({ name: 'taken' }))
        .expect(201);
      const auditBefore = await gateway.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`);

      const response = await request(http)
        .post('/api/v1/templates')
        .send(template({ name: 'taken' }))
        .expect(409);

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
      const inactive = await request(http)
        .post('/api/v1/templates')
        .send(template({ name: 'retired', active: false }))
        .expect(201);

      const onlyInactive = await request(http).get('/api/v1/templates?active=false').expect(200);
      expect(onlyInactive.body.items.map((t: { id: string }) => t.id)).toEqual([inactive.body.id]);
      const onlyActive = await request(http).get('/api/v1/templates?active=true').expect(200);
      expect(onlyActive.body.items.length).toBeGreaterThan(0);
      expect(onlyActive.body.items.every((t: { active: boolean }) => t.active)).toBe(true);
    });

    it('refuses an active value that is not a boolean', async () => {
      const response = await request(http).get('/api/v1/templates?active=maybe').expect(400);
      expect(response.body.details[0].field).toBe('active');
    });

    it('answers 400 naming id when the id is not a uuid', async () => {
      const response = await request(http).get('/api/v1/templates/not-a-uuid').expect(400);
      expect(response.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });

    it('answers 404 JSON when the template does not exist', async () => {
      const response = await request(http).get('/api/v1/templates/6a0b3c1e-0000-4000-8000-000000000000').expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'TEMPLATE_NOT_FOUND' });
    });
  });

  it('answers an unknown route with the same JSON error shape', async () => {
    const response = await request(http).get('/api/v1/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', details: [] });
  });
});
