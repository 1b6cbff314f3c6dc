import request from 'supertest';
import type { App } from 'supertest/types';
import { startOidcIssuer, type TestOidcIssuer } from './oidc-issuer';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const AUDIENCE = 'anvil-api';

describe('GET /api/v1/me and /api/v1/auth/config, anonymous reads off, OIDC with a web client', () => {
  let issuer: TestOidcIssuer;
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    issuer = await startOidcIssuer(AUDIENCE);
    gateway = await startGateway({
      env: {
        ANVIL_ANONYMOUS_READS: 'false',
        ANVIL_OIDC_ISSUER: issuer.issuer,
        ANVIL_OIDC_AUDIENCE: AUDIENCE,
        ANVIL_OIDC_WEB_CLIENT_ID: 'anvil-web',
        ANVIL_OIDC_WEB_SCOPES: 'openid profile roles',
      },
    });
    http = gateway.app.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
  });

  it('says how to sign in, to anyone, ignoring whatever token comes along', async () => {
    const expected = {
      anonymousReads: false,
      oidc: { issuer: issuer.issuer, clientId: 'anvil-web', scopes: ['openid', 'profile', 'roles'] },
    };
    const anonymous = await request(http).get('/api/v1/auth/config').expect(200);
    const stale = await request(http)
      .get('/api/v1/auth/config')
      .set('authorization', 'Bearer anvil_revoked-or-unknown')
      .expect(200);

    expect(anonymous.body).toEqual(expected);
    expect(stale.body).toEqual(expected);
    expect(anonymous.headers['ratelimit-limit']).toBeUndefined();
  });

  it('answers a caller without a token as anonymous, though it may not read', async () => {
    const me = await request(http).get('/api/v1/me').expect(200);
    expect(me.body).toEqual({ authenticated: false, role: 'anonymous', name: null });

    await request(http).get('/api/v1/tests').expect(401);
  });

  it.each(['viewer', 'operator', 'admin'] as const)('names the %s of an API token', async (role) => {
    const me = await request(http).get('/api/v1/me').set(gateway.auth(role)).expect(200);

    expect(me.body).toEqual({ authenticated: true, role, name: `test-${role}` });
  });

  it('names the user of an OIDC token with its highest role', async () => {
    const token = await issuer.sign({ claims: { preferred_username: 'alice', roles: ['viewer', 'operator'] } });

    const me = await request(http).get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);

    expect(me.body).toEqual({ authenticated: true, role: 'operator', name: 'alice' });
  });

  it('refuses a token that is not valid with 401 and a challenge', async () => {
    for (const authorization of ['Bearer anvil_not-a-real-token', 'Bearer not.a.jwt', 'Basic dXNlcjpwdw==']) {
      const response = await request(http).get('/api/v1/me').set('authorization', authorization);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    }
    const expired = await issuer.sign({ claims: { roles: ['admin'] }, expiresIn: -3600 });
    await request(http).get('/api/v1/me').set('authorization', `Bearer ${expired}`).expect(401);
  });

  it('counts /me against the caller’s read rate limit', async () => {
    const me = await request(http).get('/api/v1/me').set(gateway.auth('viewer')).expect(200);

    expect(me.headers['ratelimit-limit']).toBe('120000');
  });
});

describe('GET /api/v1/auth/config and /me, anonymous reads on, no OIDC', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('offers no OIDC and says reads are public', async () => {
    const config = await request(http).get('/api/v1/auth/config').expect(200);

    expect(config.body).toEqual({ anonymousReads: true, oidc: null });
  });

  it('answers a caller without a token as anonymous, who may read', async () => {
    const me = await request(http).get('/api/v1/me').expect(200);
    expect(me.body).toEqual({ authenticated: false, role: 'anonymous', name: null });

    await request(http).get('/api/v1/tests').expect(200);
  });

  it('refuses a JWT, as OIDC is off', async () => {
    const response = await request(http).get('/api/v1/me').set('authorization', 'Bearer a.b.c');

    expect(response.status).toBe(401);
  });
});
