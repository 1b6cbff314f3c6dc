import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { App } from 'supertest/types';
import { expectEventually } from '@anvil/testing';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const TOKEN = /^anvil_[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLI = join(__dirname, '..', '..', '..', 'libs', 'db', 'dist', 'cli', 'create-api-token.js');
// A route an operator may write to: 404 (no such queue) once authorization has passed.
const OPERATOR_WRITE = '/api/v1/queues/nowhere-q9/override';

describe('API tokens', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const stored = async (id: string) =>
    (await gateway.db.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM api_tokens WHERE id = $1`, [id]))[0];

  async function create(body: object): Promise<{ id: string; token: string }> {
    const response = await request(http).post('/api/v1/tokens').set(gateway.auth('admin')).send(body).expect(201);
    return response.body as { id: string; token: string };
  }

  it('creates a token shown once, stores only its SHA-256, and lets it be used, revoked and refused', async () => {
    const response = await request(http)
      .post('/api/v1/tokens')
      .set(gateway.auth('admin'))
      .set('X-Request-ID', 'req-token-1')
      .send({ name: 'nightly-bench', role: 'operator' })
      .expect(201);
    const created = response.body as { id: string; token: string };
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID),
      name: 'nightly-bench',
      role: 'operator',
      createdBy: 'test-admin',
      createdAt: expect.any(String),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
      token: expect.stringMatching(TOKEN),
    });
    const row = await stored(created.id);
    expect(row.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.token);

    await request(http).get('/api/v1/outages').set(bearer(created.token)).expect(200);
    await request(http).put(OPERATOR_WRITE).set(bearer(created.token)).send({ mode: 'clear' }).expect(404);
    await request(http).get('/api/v1/tokens').set(bearer(created.token)).expect(403);
    await expectEventually(async () => expect((await stored(created.id)).last_used_at).toBeInstanceOf(Date));

    await request(http).delete(`/api/v1/tokens/${created.id}`).set(gateway.auth('admin')).expect(204);
    const refused = await request(http).get('/api/v1/outages').set(bearer(created.token)).expect(401);
    expect(refused.body.details).toEqual([{ field: 'Authorization', problem: 'holds a revoked API token' }]);
    expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');

    const audit = await gateway.db.dataSource.query<Record<string, unknown>[]>(
      `SELECT actor, action, target, details, request_id AS "requestId" FROM audit_log WHERE target = $1 ORDER BY id`,
      [`api-token:${created.id}`],
    );
    expect(audit).toEqual([
      {
        actor: 'test-admin',
        action: 'api-token.created',
        target: `api-token:${created.id}`,
        details: {
          name: 'nightly-bench',
          role: 'operator',
          expiresAt: null,
          by: expect.stringMatching(UUID),
          identity: { id: expect.stringMatching(UUID), role: 'admin', via: 'api-token' },
        },
        requestId: 'req-token-1',
      },
      expect.objectContaining({ actor: 'test-admin', action: 'api-token.revoked' }),
    ]);
    // Audited in the transaction, so the global interceptor added no second row for these requests.
    const generic = await gateway.db.dataSource.query(`SELECT 1 FROM audit_log WHERE target LIKE '/api/v1/tokens%'`);
    expect(generic).toEqual([]);
  });

  it('lists tokens without plaintext or hash', async () => {
    const { id } = await create({ name: 'listed', role: 'viewer', expiresAt: '2099-01-01T00:00:00Z' });
    const response = await request(http).get('/api/v1/tokens').set(gateway.auth('admin')).expect(200);
    const listed = (response.body.items as { id: string }[]).find((item) => item.id === id);
    expect(listed).toEqual({
      id,
      name: 'listed',
      role: 'viewer',
      createdBy: 'test-admin',
      createdAt: expect.any(String),
      expiresAt: '2099-01-01T00:00:00.000Z',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/anvil_|token_?hash/i);
  });

  it('refuses a token past its expiry, although the replica keeps its row for a few seconds', async () => {
    const expiresAt = new Date(Date.now() + 2000);
    const { token } = await create({ name: 'short-lived', role: 'viewer', expiresAt: expiresAt.toISOString() });
    await request(http).get('/api/v1/outages').set(bearer(token)).expect(200);
    const response = await expectEventually(async () =>
      request(http).get('/api/v1/outages').set(bearer(token)).expect(401),
    );
    expect(response.body.details[0].problem).toBe('holds an expired API token');
    // Refused when it expired, not when the kept row (5 s) was read again.
    expect(Date.now() - expiresAt.getTime()).toBeLessThan(2000);
  });

  it('revokes twice harmlessly, and answers 404 for an unknown id and 400 for a malformed one', async () => {
    const { id } = await create({ name: 'twice', role: 'viewer' });
    await request(http).delete(`/api/v1/tokens/${id}`).set(gateway.auth('admin')).expect(204);
    const first = (await stored(id)).revoked_at as Date;
    await request(http).delete(`/api/v1/tokens/${id}`).set(gateway.auth('admin')).expect(204);
    expect((await stored(id)).revoked_at).toEqual(first);

    const missing = await request(http)
      .delete('/api/v1/tokens/00000000-0000-4000-8000-000000000000')
      .set(gateway.auth('admin'))
      .expect(404);
    expect(missing.body.code).toBe('API_TOKEN_NOT_FOUND');
    const malformed = await request(http).delete('/api/v1/tokens/nope').set(gateway.auth('admin')).expect(400);
    expect(malformed.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
  });

  it.each([
    [{ role: 'viewer' }, 'name', 'is required'],
    [{ name: ' padded', role: 'viewer' }, 'name', 'must be printable, without white space at either end'],
    [{ name: 'x', role: 'root' }, 'role', 'must be one of viewer, operator, admin'],
    [{ name: 'x', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt', 'must be in the future'],
    [{ name: 'x', role: 'viewer', token: 'anvil_mine' }, 'token', 'is not an allowed property'],
  ])('answers 400 to %j naming %s', async (body, field, problem) => {
    const response = await request(http).post('/api/v1/tokens').set(gateway.auth('admin')).send(body).expect(400);
    expect(response.body.details).toEqual([{ field, problem }]);
  });

  it('is for admins only', async () => {
    await request(http).get('/api/v1/tokens').expect(401);
    await request(http).get('/api/v1/tokens').set(gateway.auth('viewer')).expect(403);
    await request(http)
      .post('/api/v1/tokens')
      .set(gateway.auth('operator'))
      .send({ name: 'x', role: 'admin' })
      .expect(403);
    const { id } = await create({ name: 'kept', role: 'viewer' });
    await request(http).delete(`/api/v1/tokens/${id}`).set(gateway.auth('operator')).expect(403);
    expect((await stored(id)).revoked_at).toBeNull();
  });

  it('creates tokens from the command line (the built CLI), printing only the token', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, '--name', 'from-cli', '--role', 'admin'], {
      env: { ...process.env, ...gateway.db.env },
    });
    const token = stdout.trim();
    expect(token).toMatch(TOKEN);
    const response = await request(http).get('/api/v1/tokens').set(bearer(token)).expect(200);
    expect(response.body.items).toContainEqual(
      expect.objectContaining({ name: 'from-cli', role: 'admin', createdBy: expect.stringMatching(/^cli:/) }),
    );
  });

  it('the CLI names a bad role and exits 1', async () => {
    await expect(
      promisify(execFile)(process.execPath, [CLI, '--name', 'x', '--role', 'root'], {
        env: { ...process.env, ...gateway.db.env },
      }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--role must be one of viewer, operator, admin'),
    });
  });
});
