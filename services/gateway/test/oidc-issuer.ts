import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';

interface SigningKey {
  kid: string;
  alg: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

/** What a test token may differ in from a valid one. */
export interface TokenOptions {
  /** Claims on top of `sub`, e.g. `{ roles: ['operator'] }`. */
  claims?: JWTPayload;
  sub?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for a token that has expired; null for a token without `exp`. Default one hour. */
  expiresIn?: number | null;
  /**
   * Which key signs: `rs256` (default) and `es256` are published; `rs384` is published too (for a gateway that
   * does not allow RS384); `stranger` is not published but claims the kid of `rs256` (a forged signature).
   */
  key?: 'rs256' | 'es256' | 'rs384' | 'stranger';
}

export interface TestOidcIssuer {
  /** `http://127.0.0.1:<port>`: the `iss` of its tokens, with `/.well-known/openid-configuration` below it. */
  readonly issuer: string;
  readonly jwksUrl: string;
  sign(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

async function signingKey(kid: string, alg: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/**
 * An OpenID Connect issuer for tests: a real HTTP server on a free loopback port serving a discovery document and
 * a JWKS of freshly generated keys, and a `sign` that makes access tokens with them.
 */
export async function startOidcIssuer(audience: string): Promise<TestOidcIssuer> {
  const keys = {
    rs256: await signingKey('rs-1', 'RS256'),
    es256: await signingKey('ec-1', 'ES256'),
    rs384: await signingKey('rs384-1', 'RS384'),
  };
  const stranger = { ...(await signingKey('rs-1', 'RS256')), publicJwk: undefined };
  let issuer = '';
  const server: Server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks.json`, id_token_signing_alg_values_supported: ['RS256', 'ES256'] }
        : request.url === '/jwks.json'
          ? { keys: Object.values(keys).map((key) => key.publicJwk) }
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks.json`,
    async sign(options: TokenOptions = {}) {
      const key = options.key === 'stranger' ? stranger : keys[options.key ?? 'rs256'];
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ ...options.claims })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setSubject(options.sub ?? 'user-1')
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt(now);
      if (options.expiresIn !== null) {
        jwt.setExpirationTime(now + (options.expiresIn ?? 3600));
      }
      return jwt.sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
