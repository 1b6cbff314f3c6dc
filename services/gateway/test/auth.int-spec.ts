import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import request from 'supertest';
import type { App } from 'supertest/types';
import { startGateway, type GatewayUnderTest } from './gateway-app';
import { startOidcIssuer, type TestOidcIssuer, type TokenOptions } from './oidc-issuer';

const AUDIENCE = 'anvil-api';
const READ = '/api/v1/outages';
// An operator write that passes authorization and then fails on its own terms (404: no such queue).
const WRITE = '/api/v1/queues/nowhere-q9/override';
const ADMIN_READ = '/api/v1/tokens';
const IN_AN_HOUR = Math.floor(Date.now() / 1000) + 3600;

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

describe('authentication and roles', () => {
  let issuer: TestOidcIssuer;
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    issuer = await startOidcIssuer(AUDIENCE);
    // No ANVIL_OIDC_JWKS_URL: the gateway finds the JWKS through the issuer's discovery document.
    gateway = await startGateway({ env: { ANVIL_OIDC_ISSUER: issuer.issuer, ANVIL_OIDC_AUDIENCE: AUDIENCE } });
    http = gateway.app.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
  });

  const bearer = async (options: TokenOptions) => ({ authorization: `Bearer ${await issuer.sign(options)}` });
  const asRole = (role: string, options: TokenOptions = {}) =>
    bearer({ ...options, claims: { ...options.claims, roles: [role] } });
  /** The claims of a valid admin token, for tokens the issuer would not sign. */
  const adminClaims = () => ({
    sub: 'user-1',
    iss: issuer.issuer,
    aud: AUDIENCE,
    iat: Math.floor(Date.now() / 1000),
    exp: IN_AN_HOUR,
    roles: ['admin'],
  });
  // What an unsigned or HMAC token gets: its algorithm is refused before any key is looked at.
  const expectAlgorithmRefused = (response: request.Response) => {
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(response.body.message).toMatch(/"alg" \(Algorithm\) Header Parameter value not allowed/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="anvil", error="invalid_token"/);
  };

  describe('OIDC access tokens', () => {
    it('lets a viewer read but not write', async () => {
      await request(http)
        .get(READ)
        .set(await asRole('viewer'))
        .expect(200);
      const refused = await request(http)
        .put(WRITE)
        .set(await asRole('viewer'))
        .send({ mode: 'clear' })
        .expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(refused.body.details).toEqual([{ field: 'Authorization', problem: 'grants viewer, this needs operator' }]);
    });

    it('lets an operator write but not use an admin route', async () => {
      const write = await request(http)
        .put(WRITE)
        .set(await asRole('operator'))
        .send({ mode: 'clear' })
        .expect(404);
      expect(write.body.code).toBe('QUEUE_NOT_FOUND');
      const admin = await request(http)
        .get(ADMIN_READ)
        .set(await asRole('operator'))
        .expect(403);
      expect(admin.body.message).toBe('this needs the admin role; user-1 has operator');
    });

    it('lets an admin use an admin route, with an ES256 key and the anvil- role names', async () => {
      await request(http)
        .get(ADMIN_READ)
        .set(await bearer({ key: 'es256', claims: { roles: ['anvil-viewer', 'anvil-admin'] } }))
        .expect(200);
    });

    it('refuses, 403, a valid token that grants no Anvil role', async () => {
      const response = await request(http)
        .get(READ)
        .set(await bearer({ claims: { roles: ['offline_access'] } }));
      expect(response.status).toBe(403);
      expect(response.body.details).toEqual([
        { field: 'Authorization', problem: 'grants no Anvil role in claim roles' },
      ]);
    });

    it.each<[string, TokenOptions, RegExp]>([
      ['another issuer', { issuer: 'https://evil.example.org' }, /unexpected "iss" claim value/],
      ['another audience', { audience: 'someone-else' }, /unexpected "aud" claim value/],
      ['expired', { expiresIn: -120 }, /"exp" claim timestamp check failed/],
      ['signed by a key the issuer does not publish', { key: 'stranger' }, /signature verification failed/],
      [
        'signed with an algorithm the gateway does not allow',
        { key: 'rs384' },
        /"alg" \(Algorithm\) Header Parameter value not allowed/,
      ],
      ['not valid yet (nbf in an hour)', { claims: { nbf: IN_AN_HOUR } }, /"nbf" claim timestamp check failed/],
      ['without exp', { expiresIn: null }, /missing required "exp" claim/],
    ])('answers 401 with a Bearer challenge, even to a read, for a token %s', async (_case, options, reason) => {
      const response = await request(http)
        .get(READ)
        .set(await asRole('admin', options))
        .expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHORIZED' });
      expect(response.body.message).toMatch(reason);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="anvil", error="invalid_token"/);
    });

    it('answers 401 to an unsigned token (alg none) naming a published key', async () => {
      const unsigned = `${base64url({ alg: 'none', kid: 'rs-1', typ: 'JWT' })}.${base64url(adminClaims())}.`;
      const response = await request(http)
        .get(READ)
        .set({ authorization: `Bearer ${unsigned}` })
        .expect(401);
      expectAlgorithmRefused(response);
    });

    it('answers 401 to an HS256 token keyed with the bytes of the issuer’s RSA public key (key confusion)', async () => {
      const { keys } = (await (await fetch(issuer.jwksUrl)).json()) as { keys: JWK[] };
      const rsaKey = createPublicKey({ key: keys.find((key) => key.kid === 'rs-1') as JsonWebKey, format: 'jwk' });
      const pem = rsaKey.export({ type: 'spki', format: 'pem' }) as string;
      for (const secret of [Buffer.from(pem), rsaKey.export({ type: 'spki', format: 'der' })]) {
        const forged = await new SignJWT(adminClaims())
          .setProtectedHeader({ alg: 'HS256', kid: 'rs-1', typ: 'JWT' })
          .sign(new Uint8Array(secret));
        const response = await request(http)
          .get(READ)
          .set({ authorization: `Bearer ${forged}` })
          .expect(401);
        expectAlgorithmRefused(response);
      }
    });

    it('answers 401 to a token that is not a JWT', async () => {
      const response = await request(http).get(READ).set({ authorization: 'Bearer not.a.jwt' }).expect(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });
  });

  describe('API tokens and the Authorization header', () => {
    it('accepts the harness tokens by role', async () => {
      await request(http).get(READ).set(gateway.auth('viewer')).expect(200);
      await request(http).put(WRITE).set(gateway.auth('viewer')).send({ mode: 'clear' }).expect(403);
      await request(http).put(WRITE).set(gateway.auth('operator')).send({ mode: 'clear' }).expect(404);
      await request(http).get(ADMIN_READ).set(gateway.auth('operator')).expect(403);
      await request(http).get(ADMIN_READ).set(gateway.auth('admin')).expect(200);
    });

    it('answers 401 to an unknown API token, even on a read', async () => {
      const response = await request(http)
        .get(READ)
        .set({ authorization: 'Bearer anvil_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })
        .expect(401);
      expect(response.body.details).toEqual([{ field: 'Authorization', problem: 'holds an unknown API token' }]);
    });

    it('answers 401 invalid_request to another scheme', async () => {
      const response = await request(http).get(READ).set({ authorization: 'Basic YWxpY2U6c2VjcmV0' }).expect(401);
      expect(response.headers['www-authenticate']).toContain('error="invalid_request"');
    });
  });

  describe('anonymous callers (ANVIL_ANONYMOUS_READS on, the default)', () => {
    it('may read', async () => {
      await request(http).get(READ).expect(200);
    });

    it('may not write: 401 with a challenge', async () => {
      const response = await request(http).put(WRITE).send({ mode: 'clear' }).expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="anvil"');
      expect(response.body.details).toEqual([
        { field: 'Authorization', problem: 'is missing: this needs a bearer token (OIDC or Anvil API token)' },
      ]);
    });

    it('may not read an admin route, not even with HEAD: 401', async () => {
      await request(http).get(ADMIN_READ).expect(401);
      const head = await request(http).head(ADMIN_READ).expect(401);
      expect(head.headers['www-authenticate']).toBe('Bearer realm="anvil"');
    });

    it('may reach health and docs', async () => {
      await request(http).get('/healthz').expect(200);
      await request(http).get('/readyz').expect(200);
      await request(http).get('/api/docs.json').expect(200);
    });
  });

  describe('with ANVIL_ANONYMOUS_READS=false', () => {
    let closed: GatewayUnderTest;

    beforeAll(async () => {
      closed = await startGateway({ env: { ANVIL_ANONYMOUS_READS: 'false' } });
    });

    afterAll(async () => {
      await closed?.close();
    });

    it('refuses a read without a token, 401', async () => {
      const response = await request(closed.app.getHttpServer()).get(READ).expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="anvil"');
    });

    it('answers a read with a viewer token', async () => {
      await request(closed.app.getHttpServer()).get(READ).set(closed.auth('viewer')).expect(200);
    });

    it('keeps health checks and the API documentation open', async () => {
      const server = closed.app.getHttpServer();
      await request(server).get('/healthz').expect(200);
      await request(server).get('/readyz').expect(200);
      const ui = await request(server).get('/api/docs').expect(200);
      expect(ui.headers['content-type']).toMatch(/^text\/html/);
      const document = await request(server).get('/api/docs.json').expect(200);
      expect(document.body).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
    });

    it('refuses a HEAD without a token too, 401', async () => {
      await request(closed.app.getHttpServer()).head(READ).expect(401);
      await request(closed.app.getHttpServer()).head(ADMIN_READ).expect(401);
    });

    it('refuses a JWT when OIDC is off', async () => {
      const response = await request(closed.app.getHttpServer())
        .get(READ)
        .set(await asRole('admin'))
        .expect(401);
      expect(response.body.message).toContain('as OIDC is off');
    });
  });

  describe('when the issuer’s keys cannot be fetched', () => {
    let orphan: GatewayUnderTest;

    beforeAll(async () => {
      orphan = await startGateway({
        env: {
          ANVIL_OIDC_ISSUER: issuer.issuer,
          ANVIL_OIDC_AUDIENCE: AUDIENCE,
          // Nothing listens on port 9 (discard) on loopback: connection refused.
          ANVIL_OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
        },
      });
    });

    afterAll(async () => {
      await orphan?.close();
    });

    it('answers 503 rather than calling the token invalid', async () => {
      const response = await request(orphan.app.getHttpServer())
        .get(READ)
        .set(await asRole('viewer'))
        .expect(503);
      expect(response.body.code).toBe('UNAVAILABLE');
    });

    it('still accepts API tokens', async () => {
      await request(orphan.app.getHttpServer()).get(READ).set(orphan.auth('viewer')).expect(200);
    });
  });
});
