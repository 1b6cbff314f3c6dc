import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import request from 'supertest';
import type { App } from 'supertest/types';
import { expectEventually } from '@anvil/testing';
import { API_PREFIX } from '../src/common/api-prefix.constant';
import { documentedOperations, requestBodySchema } from './openapi/openapi-document';
import { generateClient, type GeneratedClient } from './openapi/generated-client';
import { registeredRoutes } from './openapi/registered-routes';
import { routeDtos } from './openapi/route-dtos';
import { openApiProblems } from './openapi/validate-openapi';
import { readStream } from './read-stream';
import { seedGrid, seedRunningTest, seedStressTemplate } from './seed-grid';
import { startGateway, type ApiRole, type GatewayUnderTest } from './gateway-app';

const ERROR_BODY_REF = '#/components/schemas/ApiErrorBodyDto';
const PREFIX = `/${API_PREFIX}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('OpenAPI document', () => {
  let gateway: GatewayUnderTest;
  let http: App;
  let document: OpenAPIObject;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    document = (await request(http).get('/api/docs.json').expect(200).expect('Content-Type', /json/)).body;
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('serves the same document at /api/docs-json, and Swagger UI over it at /api/docs', async () => {
    expect((await request(http).get('/api/docs-json').expect(200)).body).toEqual(document);
    const page = await request(http).get('/api/docs').expect(200).expect('Content-Type', /html/);
    expect(page.text).toContain('swagger-ui');
    const init = await request(http).get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"title": *"Anvil API"/);
  });

  it('is a valid OpenAPI 3 document with the gateway version, servers and bearer security', async () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

    expect(await openApiProblems(document)).toBeNull();
    expect(document.info).toMatchObject({ title: 'Anvil API', version: manifest.version });
    expect(document.openapi).toMatch(/^3\./);
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it('describes every route Nest registered under /api/v1, and no other', () => {
    const registered = registeredRoutes(gateway.app, PREFIX).map((r) => `${r.method} ${r.path}`);
    const documented = documentedOperations(document).map((o) => `${o.method} ${o.path}`);

    expect(registered.length).toBeGreaterThan(5);
    expect([...new Set(documented)].sort()).toEqual([...new Set(registered)].sort());
  });

  it('files every operation under one of the document’s tags (controllers need @ApiTags)', () => {
    const declared = new Set((document.tags ?? []).map((tag) => tag.name));
    const untagged = documentedOperations(document)
      .filter((o) => (o.operation.tags ?? []).length === 0 || !o.operation.tags!.every((tag) => declared.has(tag)))
      .map((o) => `${o.method} ${o.path}: ${JSON.stringify(o.operation.tags ?? [])}`);

    expect(untagged).toEqual([]);
  });

  it('gives every success a JSON schema (controllers need @ApiOkResponse, @ApiCreatedResponse…)', () => {
    const missing = documentedOperations(document).flatMap((o) => {
      const successes = Object.entries(o.operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) {
        return [`${o.method} ${o.path}: no 2xx answer`];
      }
      return successes
        .filter(([status, response]) => status !== '204' && !(response as ResponseObject).content?.['application/json'])
        .map(([status]) => `${o.method} ${o.path}: ${status} without a JSON schema`);
    });

    expect(missing).toEqual([]);
  });

  it('answers every error with the one error body, and says which errors each operation can give', () => {
    const wrong = documentedOperations(document).flatMap((o) => {
      const errors = Object.entries(o.operation.responses).filter(([status]) => Number(status) >= 400);
      const statuses = errors.map(([status]) => status);
      const problems = errors
        .filter(
          ([, response]) =>
            ((response as ResponseObject).content?.['application/json']?.schema as { $ref?: string } | undefined)
              ?.$ref !== ERROR_BODY_REF,
        )
        .map(([status]) => `${status} without the error body`);
      for (const expected of ['400', '401', '403', ...(o.path.includes('{') ? ['404'] : [])]) {
        if (!statuses.includes(expected)) {
          problems.push(`no ${expected}`);
        }
      }
      if (o.operation.requestBody && !statuses.includes('413')) {
        problems.push('a body but no 413');
      }
      return problems.map((problem) => `${o.method} ${o.path}: ${problem}`);
    });

    expect(wrong).toEqual([]);
    expect(document.components?.schemas?.ApiErrorBodyDto).toMatchObject({
      required: expect.arrayContaining(['statusCode', 'error', 'code', 'message', 'details']),
    });
  });

  it('documents every query parameter and body property the DTOs accept (they need @ApiProperty)', () => {
    const operations = new Map(documentedOperations(document).map((o) => [`${o.method} ${o.path}`, o.operation]));
    const undocumented = routeDtos(gateway.app, PREFIX).flatMap((route) => {
      const key = `${route.method} ${route.path}`;
      const operation = operations.get(key);
      if (!operation) {
        return [`${key}: not in the document`];
      }
      const problems: string[] = [];
      if (route.query) {
        const parameters = new Set(
          (operation.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'query' ? [p.name] : [])),
        );
        const missing = route.query.properties.filter((name) => !parameters.has(name));
        if (missing.length > 0) {
          problems.push(`${key}: query ${route.query.dto} fields ${missing.join(', ')} undocumented`);
        }
      }
      if (route.body) {
        const schema = requestBodySchema(document, operation);
        const missing = route.body.properties.filter((name) => !schema?.properties?.[name]);
        if (missing.length > 0) {
          problems.push(`${key}: body ${route.body.dto} fields ${missing.join(', ')} undocumented`);
        }
      }
      return problems;
    });

    expect(undocumented).toEqual([]);
  });
});

describe('a client generated from the OpenAPI document', () => {
  let gateway: GatewayUnderTest;
  let document: OpenAPIObject;
  let client: GeneratedClient;
  const runningTest = randomUUID();

  /** The generated method of the operation at `METHOD path`. */
  function operation(method: string, path: string): (parameters?: Record<string, unknown>) => Promise<unknown> {
    const found = documentedOperations(document).find((o) => o.method === method && o.path === path);
    if (!found?.operation.operationId || !found.operation.tags?.[0]) {
      throw new Error(`${method} ${path} is not in the document (or has no operationId or tag)`);
    }
    return client.operation(found.operation.tags[0], found.operation.operationId);
  }

  function authenticateAs(role: ApiRole): void {
    const headers = gateway.auth(role);
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '');
    client.OpenAPI.TOKEN = bearer?.[1];
    client.OpenAPI.HEADERS = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'authorization'));
  }

  beforeAll(async () => {
    gateway = await startGateway();
    const db = gateway.db.dataSource;
    await seedGrid(db);
    const templateId = randomUUID();
    await seedStressTemplate(db, templateId, 'seeded');
    await seedRunningTest(db, runningTest, templateId);
    // A real port: the generated client talks HTTP with the global fetch, as it would to a deployed gateway.
    await gateway.app.listen(0, '127.0.0.1');
    const base = (await gateway.app.getUrl()).replace('[::1]', '127.0.0.1');
    document = (await fetch(`${base}/api/docs.json`).then((r) => r.json())) as OpenAPIObject;
    client = await generateClient(document);
    client.OpenAPI.BASE = base;
  });

  afterAll(async () => {
    await client?.remove();
    await gateway?.close();
  });

  it('lists the running tests', async () => {
    authenticateAs('viewer');
    const page = (await operation('GET', `${PREFIX}/tests`)({ state: 'running', limit: 10 })) as {
      items: { id: string; state: string }[];
      total: number;
    };

    expect(page.total).toBe(1);
    expect(page.items).toEqual([expect.objectContaining({ id: runningTest, state: 'running' })]);
  });

  it('creates a stress test from a template it created', async () => {
    authenticateAs('operator');
    const template = (await operation(
      'POST',
      `${PREFIX}/templates`,
    )({
      requestBody: {
        name: 'stress-from-client',
        kind: 'stress',
        workload: { command: '/bin/true' },
        queueSelector: { queueIds: ['cern-q1'] },
        submissionProfile: { minQueueDepth: 1, maxRunning: 2, totalJobs: 10 },
        lifetimeSeconds: 3600,
      },
    })) as { id: string; kind: string };
    expect(template.kind).toBe('stress');

    const createTest = operation('POST', `${PREFIX}/tests`);
    const request = { idempotencyKey: `client-${randomUUID()}`, requestBody: { templateId: template.id } };
    const created = (await createTest(request)) as { id: string; kind: string; template: { id: string } };
    // A retry with the same Idempotency-Key (a generated header parameter) replays the first answer.
    const replayed = await createTest(request);

    expect(created).toMatchObject({ id: expect.stringMatching(UUID), kind: 'stress', template: { id: template.id } });
    expect(replayed).toEqual(created);
    // The scheduler creates the test from the one command the gateway put on the bus.
    await expectEventually(async () => {
      const commands = await readStream(gateway.bus.bus, 'TESTS', 'anvil.test.requested');
      expect(commands.length).toBe(1);
    });
  });

  it('rejects with the error body when a viewer creates a test', async () => {
    authenticateAs('viewer');
    const createTest = operation('POST', `${PREFIX}/tests`);

    const error = await createTest({ requestBody: { templateId: randomUUID() } }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(client.ApiError);
    expect(error).toMatchObject({ status: 403, body: { statusCode: 403, code: 'FORBIDDEN' } });
  });
});
