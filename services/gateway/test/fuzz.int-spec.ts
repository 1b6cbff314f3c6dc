import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import { API_PREFIX } from '../src/common/api-prefix.constant';
import { expectNoServerError, type Answer } from './openapi/expect-error-body';
import { hostileKey, mutate, mutation } from './openapi/hostile-json';
import { documentedOperations, requestBodySchema, type DocumentedOperation } from './openapi/openapi-document';
import { pathsOf, sampleOf, type Json } from './openapi/schema-sample';
import { seedGrid, seedRunningTest, seedStressTemplate } from './seed-grid';
import { startGateway, type ApiRole, type GatewayUnderTest } from './gateway-app';

// Property-based fuzzing of every write and every read the OpenAPI document describes: whatever a client
// sends, the gateway answers with a 2xx or with its JSON error body, never a 5xx. Bounded: a few thousand
// requests in all. On a failure fast-check prints the seed and the smallest body it found.
const BODY_LIMIT = '64kb';
const RUNS = { json: 40, anything: 40, mutated: 100, invalidJson: 30, contentTypes: 30, queries: 100 };
const writer: fc.Arbitrary<ApiRole> = fc.constantFrom('operator', 'admin');

describe('fuzzing the API from its OpenAPI document', () => {
  let gateway: GatewayUnderTest;
  let base: string;
  let document: OpenAPIObject;
  let writes: DocumentedOperation[];
  let reads: DocumentedOperation[];
  const templateId = randomUUID();
  const testId = randomUUID();

  /** An existing resource for the collection a path parameter follows (`/tests/{id}`), else a fresh UUID. */
  function concretePath(path: string): string {
    const existing: Record<string, string> = {
      queues: 'cern-q1',
      sites: 'CERN',
      templates: templateId,
      tests: testId,
      versions: '1',
    };
    return path.replace(/\{(\w+)\}/g, (_match, _name: string, offset: number) => {
      const collection = path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
      return encodeURIComponent(existing[collection] ?? randomUUID());
    });
  }

  async function send(
    operation: DocumentedOperation,
    options: { role: ApiRole; body?: string; contentType?: string; headers?: Record<string, string>; query?: string },
  ): Promise<Answer> {
    const url = `${base}${concretePath(operation.path)}${options.query === undefined ? '' : `?${options.query}`}`;
    const response = await fetch(url, {
      method: operation.method,
      headers: {
        ...gateway.auth(options.role),
        ...(options.contentType === undefined ? {} : { 'content-type': options.contentType }),
        ...options.headers,
      },
      body: options.body,
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  }

  function sent(operation: DocumentedOperation, what: string): string {
    return `${operation.method} ${operation.path} ${what.length > 300 ? `${what.slice(0, 300)}… (${what.length})` : what}`;
  }

  /** Runs `property` on every operation in `operations`, `numRuns` times each. */
  async function forEach<T>(
    operations: DocumentedOperation[],
    arbitrary: (operation: DocumentedOperation) => fc.Arbitrary<T>,
    check: (operation: DocumentedOperation, value: T) => Promise<void>,
    numRuns: number,
  ): Promise<void> {
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(arbitrary(operation), (value) => check(operation, value)),
        { numRuns },
      );
    }
  }

  beforeAll(async () => {
    gateway = await startGateway({ bodyLimit: BODY_LIMIT });
    const db = gateway.db.dataSource;
    await seedGrid(db);
    await seedStressTemplate(db, templateId, 'fuzzed');
    await seedRunningTest(db, testId, templateId);
    await gateway.app.listen(0, '127.0.0.1');
    base = (await gateway.app.getUrl()).replace('[::1]', '127.0.0.1');
    document = (await (await fetch(`${base}/api/docs.json`)).json()) as OpenAPIObject;
    const operations = documentedOperations(document).filter((o) => o.path.startsWith(`/${API_PREFIX}/`));
    writes = operations.filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method));
    reads = operations.filter((o) => o.method === 'GET');
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('answers arbitrary JSON bodies with a 2xx or the error body, never a 5xx', async () => {
    await forEach(
      writes,
      () => fc.tuple(fc.json({ maxDepth: 4 }), writer),
      async (operation, [body, role]) =>
        expectNoServerError(
          await send(operation, { role, body, contentType: 'application/json' }),
          sent(operation, body),
        ),
      RUNS.json,
    );
    await forEach(
      writes,
      () =>
        fc.tuple(
          fc.anything({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
          writer,
        ),
      async (operation, [body, role]) =>
        expectNoServerError(
          await send(operation, { role, body, contentType: 'application/json' }),
          sent(operation, body),
        ),
      RUNS.anything,
    );
  });

  it('answers bodies of the documented schema with mutated fields (wrong types, huge, deep, unicode, null, extra) without a 5xx', async () => {
    await forEach(
      writes,
      (operation) => {
        const schema = requestBodySchema(document, operation.operation);
        const sample: Json = schema ? sampleOf(document, schema) : {};
        return fc.tuple(
          fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => mutate(sample, mutations, pathsOf)),
          writer,
          // Sometimes an Idempotency-Key, valid or not (printable ASCII: fetch refuses other header values).
          fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), { nil: undefined }),
        );
      },
      async (operation, [value, role, key]) => {
        const body = JSON.stringify(value);
        const headers: Record<string, string> = key === undefined ? {} : { 'idempotency-key': key };
        const answer = await send(operation, { role, body, contentType: 'application/json', headers });
        expectNoServerError(answer, sent(operation, `${key === undefined ? '' : `[key ${key}] `}${body}`));
      },
      RUNS.mutated,
    );
  });

  it('answers a body that is not JSON with 400 INVALID_JSON', async () => {
    const notJson = fc.string({ minLength: 1 }).filter((text) => {
      try {
        const parsed: unknown = JSON.parse(text);
        return parsed === null || typeof parsed !== 'object';
      } catch {
        return true;
      }
    });
    await forEach(
      writes,
      () => fc.tuple(notJson, writer),
      async (operation, [body, role]) => {
        const answer = await send(operation, { role, body, contentType: 'application/json' });
        expectNoServerError(answer, sent(operation, body));
        expect({ status: answer.status, code: (JSON.parse(answer.text) as { code: string }).code }).toEqual({
          status: 400,
          code: 'INVALID_JSON',
        });
      },
      RUNS.invalidJson,
    );
  });

  it('answers other content types, charsets and encodings with a 4xx error body', async () => {
    const contentType = fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/json; charset=latin9',
      'application/json; charset=utf-16',
      'application/merge-patch+json',
    );
    const encoding = fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'x-unknown');
    await forEach(
      writes,
      () => fc.tuple(fc.oneof(fc.json(), fc.string({ unit: 'binary' })), contentType, encoding, writer),
      async (operation, [body, type, contentEncoding, role]) => {
        const headers: Record<string, string> = contentEncoding ? { 'content-encoding': contentEncoding } : {};
        const answer = await send(operation, { role, body, contentType: type, headers });
        expectNoServerError(answer, sent(operation, `${type} ${contentEncoding ?? ''} ${body}`));
      },
      RUNS.contentTypes,
    );
  });

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE naming the body', async () => {
    for (const operation of writes) {
      const body = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
      const answer = await send(operation, { role: 'operator', body, contentType: 'application/json' });

      expectNoServerError(answer, sent(operation, body));
      expect({ path: operation.path, status: answer.status, body: JSON.parse(answer.text) as unknown }).toMatchObject({
        path: operation.path,
        status: 413,
        body: { code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'body' }] },
      });
    }
  });

  it.each([
    ['nested thousands of levels deep', `${'{"a":['.repeat(5_000)}1${']}'.repeat(5_000)}`],
    ['holding a lone UTF-16 surrogate', '{"mode":"exclude","reason":"\\ud800"}'],
  ])('refuses a body %s with 400 naming the body', async (_what, body) => {
    for (const operation of writes) {
      const answer = await send(operation, { role: 'admin', body, contentType: 'application/json' });

      expectNoServerError(answer, sent(operation, body));
      expect({ path: operation.path, status: answer.status, body: JSON.parse(answer.text) as unknown }).toMatchObject({
        path: operation.path,
        status: 400,
        body: { details: [{ field: 'body' }] },
      });
    }
  });

  it('answers fuzzed query strings on every GET without a 5xx', async () => {
    const encode = encodeURIComponent;
    const oddValue = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 50 }),
      fc.integer().map(String),
      fc.constantFrom(
        '',
        '-1',
        '0',
        '1e9',
        '0x10',
        'true',
        'null',
        'NaN',
        '2030-13-45',
        '9'.repeat(400),
        'é'.repeat(1000),
      ),
    );
    await forEach(
      reads,
      (operation) => {
        const names = [
          ...(operation.operation.parameters ?? []).flatMap((p) => ('in' in p && p.in === 'query' ? [p.name] : [])),
          'limit',
        ];
        const key = fc.oneof(fc.constantFrom(...names), hostileKey);
        const part = fc.oneof(
          fc.tuple(key, oddValue).map(([k, v]) => `${encode(k)}=${encode(v)}`),
          fc.tuple(key, oddValue, oddValue).map(([k, a, b]) => `${encode(k)}=${encode(a)}&${encode(k)}=${encode(b)}`),
          fc.tuple(key, oddValue).map(([k, v]) => `${encode(k)}[]=${encode(v)}`),
          fc.tuple(key, hostileKey, oddValue).map(([k, sub, v]) => `${encode(k)}[${encode(sub)}]=${encode(v)}`),
          fc.constantFrom('%', '%zz', '%E0%A4%A', '&&', '=', '==x', 'a=%00', 'limit=1&limit=2', 'offset[$gt]=1'),
        );
        // Node answers a request head over 16 KiB itself (a bare 431) before the gateway sees it.
        const query = fc
          .array(part, { maxLength: 5 })
          .map((parts) => parts.join('&'))
          .filter((q) => q.length <= 8192);
        return fc.tuple(query, fc.constantFrom<ApiRole>('viewer', 'operator'));
      },
      async (operation, [query, role]) =>
        expectNoServerError(await send(operation, { role, query }), sent(operation, `?${query}`)),
      RUNS.queries,
    );
  });
});
