import { Controller, Delete, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ApiErrorCode } from '../src/errors/api-error-code.enum';
import { ApiException } from '../src/errors/api.exception';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';
import { startOidcIssuer, type TestOidcIssuer } from './oidc-issuer';

const AUDIENCE = 'anvil-api';

/** Writes that succeed or fail on demand, to watch the global audit interceptor alone. */
@Controller('api/v1/audit-probe')
class AuditProbeController {
  @Post(':name')
  @HttpCode(HttpStatus.CREATED)
  create(@Param('name') name: string): { id: string } {
    if (name === 'taken') {
      throw new ApiException(ApiErrorCode.TemplateNameTaken, 'taken');
    }
    if (name === 'crash') {
      throw new Error('the handler broke');
    }
    return { id: `probe-${name}` };
  }

  @Delete(':name')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(): void {}
}

interface AuditRow {
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  requestId: string | null;
}

describe('audit log', () => {
  let issuer: TestOidcIssuer;
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    issuer = await startOidcIssuer(AUDIENCE);
    gateway = await startGateway({
      env: { ANVIL_OIDC_ISSUER: issuer.issuer, ANVIL_OIDC_AUDIENCE: AUDIENCE },
      controllers: [AuditProbeController],
    });
    http = gateway.app.getHttpServer();
    await seedGrid(gateway.db.dataSource);
  });

  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
  });

  const rows = (target: string): Promise<AuditRow[]> =>
    gateway.db.dataSource.query(
      `SELECT actor, action, target, details, request_id AS "requestId" FROM audit_log WHERE target = $1 ORDER BY id`,
      [target],
    );

  it('writes one row with the API token identity and the X-Request-ID after a successful write', async () => {
    await request(http)
      .post('/api/v1/audit-probe/alpha')
      .set(gateway.auth('operator'))
      .set('X-Request-ID', 'req-audit-1')
      .expect(201);
    const [tokenId] = await gateway.db.dataSource.query<{ id: string }[]>(
      `SELECT id FROM api_tokens WHERE name = 'test-operator'`,
    );
    expect(await rows('/api/v1/audit-probe/alpha')).toEqual([
      {
        actor: 'test-operator',
        action: 'POST /api/v1/audit-probe/:name',
        target: '/api/v1/audit-probe/alpha',
        details: {
          identity: { id: tokenId.id, role: 'operator', via: 'api-token' },
          params: { name: 'alpha' },
          status: 201,
          resultId: 'probe-alpha',
        },
        requestId: 'req-audit-1',
      },
    ]);
  });

  it('records the request id the gateway made up (and answered with) when none was sent', async () => {
    const response = await request(http).delete('/api/v1/audit-probe/beta').set(gateway.auth('admin')).expect(204);
    const requestId = response.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    expect(await rows('/api/v1/audit-probe/beta')).toEqual([
      expect.objectContaining({ actor: 'test-admin', action: 'DELETE /api/v1/audit-probe/:name', requestId }),
    ]);
  });

  it('names an OIDC caller by preferred_username, with oidc:<sub> as the identity id', async () => {
    const jwt = await issuer.sign({ sub: 'f3c1-77', claims: { roles: ['operator'], preferred_username: 'alice' } });
    await request(http)
      .post('/api/v1/audit-probe/gamma')
      .set({ authorization: `Bearer ${jwt}` })
      .expect(201);
    expect(await rows('/api/v1/audit-probe/gamma')).toEqual([
      expect.objectContaining({
        actor: 'alice',
        details: expect.objectContaining({ identity: { id: 'oidc:f3c1-77', role: 'operator', via: 'oidc' } }),
      }),
    ]);
  });

  it.each([
    ['the handler refuses it', 'taken', 'operator', 409],
    ['the handler crashes', 'crash', 'operator', 500],
    ['the caller may not write', 'denied', 'viewer', 403],
  ] as const)('writes no row when %s', async (_case, name, role, status) => {
    await request(http).post(`/api/v1/audit-probe/${name}`).set(gateway.auth(role)).expect(status);
    expect(await rows(`/api/v1/audit-probe/${name}`)).toEqual([]);
  });

  it('writes no row for an unauthenticated write or a read', async () => {
    await request(http).post('/api/v1/audit-probe/anon').expect(401);
    await request(http).get('/api/v1/outages').set(gateway.auth('admin')).expect(200);
    expect(await rows('/api/v1/audit-probe/anon')).toEqual([]);
    expect(await rows('/api/v1/outages')).toEqual([]);
  });

  it('writes no second row when an Idempotency-Key replays the answer', async () => {
    const send = () =>
      request(http)
        .post('/api/v1/audit-probe/delta')
        .set(gateway.auth('operator'))
        .set('Idempotency-Key', 'audit-delta-1')
        .expect(201);
    await send();
    await send();
    expect(await rows('/api/v1/audit-probe/delta')).toHaveLength(1);
  });

  it('records the stable identity id in a row a service writes in its transaction, as in the interceptor’s', async () => {
    const template = {
      name: 'audited-identity',
      kind: 'functional',
      workload: { command: '/bin/true', resources: { timeLimitSeconds: 600 } },
      queueSelector: { queueIds: ['cern-q1'] },
      submissionProfile: { minQueueDepth: 1, maxRunning: 1 },
      lifetimeSeconds: 3600,
    };
    const byToken = await request(http)
      .post('/api/v1/templates')
      .set(gateway.auth('operator'))
      .send(template)
      .expect(201);
    const [tokenId] = await gateway.db.dataSource.query<{ id: string }[]>(
      `SELECT id FROM api_tokens WHERE name = 'test-operator'`,
    );
    expect(await rows(`template:${byToken.body.id}`)).toEqual([
      expect.objectContaining({
        actor: 'test-operator',
        action: 'template.created',
        details: expect.objectContaining({ identity: { id: tokenId.id, role: 'operator', via: 'api-token' } }),
      }),
    ]);

    const jwt = await issuer.sign({ sub: 'f3c1-78', claims: { roles: ['operator'], preferred_username: 'alice' } });
    const byOidc = await request(http)
      .post('/api/v1/templates')
      .set({ authorization: `Bearer ${jwt}` })
      .send({ ...template, name: 'audited-identity-oidc' })
      .expect(201);
    expect(await rows(`template:${byOidc.body.id}`)).toEqual([
      expect.objectContaining({
        actor: 'alice',
        details: expect.objectContaining({ identity: { id: 'oidc:f3c1-78', role: 'operator', via: 'oidc' } }),
      }),
    ]);
  });

  it('keeps one row, the service’s own, for a route audited in its transaction', async () => {
    const response = await request(http)
      .put('/api/v1/queues/cern-q1/override')
      .set(gateway.auth('operator'))
      .send({ mode: 'clear' })
      .expect(202);
    const audit = await gateway.db.dataSource.query<AuditRow[]>(
      `SELECT actor, action, target FROM audit_log WHERE details->>'overrideRequestId' = $1 OR target LIKE '/api/v1/queues/%'`,
      [response.body.requestId],
    );
    expect(audit).toEqual([{ actor: 'test-operator', action: 'queue.override-requested', target: 'queue:cern-q1' }]);
  });
});
