import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { ConfigException, EnvReader } from '@anvil/config';

export interface GatewayConfig {
  /** ANVIL_GATEWAY_PORT (0: any free port). */
  readonly port: number;
  readonly host: string;
  /** Largest accepted request body, in body-parser's notation ('256kb', '1mb'). */
  readonly bodyLimit: string;
  /**
   * ANVIL_GATEWAY_TRUST_PROXY: proxies whose X-Forwarded-For is believed (Express's `trust proxy`), as
   * `loopback`, `linklocal`, `uniquelocal`, addresses or CIDRs; empty (`none`): the peer address is the client.
   */
  readonly trustProxy: readonly string[];
  /** ANVIL_ANONYMOUS_READS: GET/HEAD/OPTIONS without a token are answered, as `anonymous` with the viewer role. */
  readonly anonymousReads: boolean;
  /** Bearer JWTs from an OpenID Connect issuer; null (ANVIL_OIDC_ISSUER unset): only API tokens are accepted. */
  readonly oidc: OidcConfig | null;
  readonly rateLimit: RateLimitConfig;
  /** ANVIL_IDEMPOTENCY_TTL_SECONDS: how long the answer of a POST with an Idempotency-Key is kept for replays. */
  readonly idempotencyTtlSeconds: number;
  /**
   * ANVIL_GATEWAY_PAGE_CACHE_MS: how long a rendered test list or test page is served again by a replica (how old
   * they may be); 0 renders every request (the `queries` benchmark measures the queries that way).
   */
  readonly pageCacheMs: number;
  /**
   * ANVIL_GATEWAY_SERIES_CACHE_MS: how long a replica serves a test's rendered timeline, stats or errors again
   * (they read the test's jobs); 0 renders every request.
   */
  readonly seriesCacheMs: number;
  /** ANVIL_WEB_DIST: the web UI's built files (`vite build` of services/web), served at `/`. */
  readonly webDist: string;
}

export interface OidcConfig {
  /** ANVIL_OIDC_ISSUER: the `iss` every token must carry. */
  readonly issuer: string;
  /** ANVIL_OIDC_AUDIENCE: the `aud` every token must include. */
  readonly audience: string;
  /** ANVIL_OIDC_JWKS_URL; null: the `jwks_uri` of the issuer's `/.well-known/openid-configuration`. */
  readonly jwksUrl: string | null;
  /** ANVIL_OIDC_ALGORITHMS: accepted `alg` values (asymmetric only). */
  readonly algorithms: readonly string[];
  /** ANVIL_OIDC_ROLES_CLAIM: the claim holding the roles, a name or a dotted path (`realm_access.roles`). */
  readonly rolesClaim: string;
  /**
   * ANVIL_OIDC_WEB_CLIENT_ID: the web UI's client at the issuer (authorization code with PKCE, a public client);
   * null: the UI signs in with API tokens only.
   */
  readonly webClientId: string | null;
  /** ANVIL_OIDC_WEB_SCOPES: the scopes the web UI asks for (space- or comma-separated; `openid` among them). */
  readonly webScopes: readonly string[];
}

/** Requests per identity per minute (token bucket: bursts up to the limit, refilled evenly); 0: no limit. */
export interface RateLimitConfig {
  /** ANVIL_RATE_LIMIT_READS_PER_MINUTE: GET, HEAD and OPTIONS. */
  readonly readsPerMinute: number;
  /** ANVIL_RATE_LIMIT_WRITES_PER_MINUTE: every other method. */
  readonly writesPerMinute: number;
}

// Asymmetric only: a JWKS publishes public keys, so an HMAC algorithm there would mean a shared secret.
const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_PER_MINUTE = 100_000_000;
// services/web/dist, from services/gateway/src or services/gateway/dist alike.
const DEFAULT_WEB_DIST = join(__dirname, '..', '..', 'web', 'dist');
// RFC 6749 §3.3 scope-token characters; a client id is printable ASCII (VSCHAR) without white space at the ends.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const CLIENT_ID = /^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/;

export function loadGatewayConfig(reader = new EnvReader()): GatewayConfig {
  const bodyLimit = reader.string('ANVIL_GATEWAY_BODY_LIMIT', '256kb');
  if (!/^\d{1,9}(b|kb|mb)$/i.test(bodyLimit)) {
    throw new ConfigException(
      'ANVIL_GATEWAY_BODY_LIMIT',
      `must be a size like 256kb or 1mb, got ${JSON.stringify(bodyLimit)}`,
    );
  }
  return {
    port: reader.int('ANVIL_GATEWAY_PORT', 8080, { min: 0, max: 65535 }),
    host: reader.string('ANVIL_GATEWAY_HOST', '127.0.0.1'),
    bodyLimit,
    trustProxy: loadTrustProxy(reader),
    anonymousReads: reader.bool('ANVIL_ANONYMOUS_READS', true),
    oidc: loadOidcConfig(reader),
    rateLimit: {
      // Generous: a benchmark drives ~500 requests/s through one identity. Operators size these for their users.
      readsPerMinute: reader.int('ANVIL_RATE_LIMIT_READS_PER_MINUTE', 120_000, { min: 0, max: MAX_PER_MINUTE }),
      writesPerMinute: reader.int('ANVIL_RATE_LIMIT_WRITES_PER_MINUTE', 60_000, { min: 0, max: MAX_PER_MINUTE }),
    },
    // A day by default, as most clients retry within minutes; at most 30 days.
    idempotencyTtlSeconds: reader.int('ANVIL_IDEMPOTENCY_TTL_SECONDS', 86_400, { min: 60, max: 30 * 86_400 }),
    pageCacheMs: reader.int('ANVIL_GATEWAY_PAGE_CACHE_MS', 1000, { min: 0, max: 60_000 }),
    seriesCacheMs: reader.int('ANVIL_GATEWAY_SERIES_CACHE_MS', 5000, { min: 0, max: 300_000 }),
    webDist: resolve(reader.string('ANVIL_WEB_DIST', DEFAULT_WEB_DIST)),
  };
}

function loadTrustProxy(reader: EnvReader): string[] {
  const raw = reader.string('ANVIL_GATEWAY_TRUST_PROXY', 'loopback').trim();
  if (raw === 'none') {
    return [];
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!TRUST_PROXY_NAMES.includes(entry) && !isAddressOrCidr(entry)) {
      throw new ConfigException(
        'ANVIL_GATEWAY_TRUST_PROXY',
        `must be none or a comma-separated list of ${TRUST_PROXY_NAMES.join(', ')}, IP addresses and CIDRs, got ${JSON.stringify(entry)}`,
      );
    }
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return false;
  }
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

function loadOidcConfig(reader: EnvReader): OidcConfig | null {
  const issuer = reader.string('ANVIL_OIDC_ISSUER', '');
  const webClientId = reader.string('ANVIL_OIDC_WEB_CLIENT_ID', '');
  if (issuer === '') {
    if (webClientId !== '') {
      throw new ConfigException('ANVIL_OIDC_WEB_CLIENT_ID', 'needs ANVIL_OIDC_ISSUER (the issuer of that client)');
    }
    return null;
  }
  reader.url('ANVIL_OIDC_ISSUER', issuer, ['https', 'http']);
  const jwksUrl = reader.string('ANVIL_OIDC_JWKS_URL', '');
  if (jwksUrl !== '') {
    reader.url('ANVIL_OIDC_JWKS_URL', jwksUrl, ['https', 'http']);
  }
  const algorithms = reader
    .string('ANVIL_OIDC_ALGORITHMS', 'RS256,ES256')
    .split(',')
    .map((algorithm) => algorithm.trim());
  const unknown = algorithms.find((algorithm) => !JWT_ALGORITHMS.includes(algorithm));
  if (unknown !== undefined) {
    throw new ConfigException(
      'ANVIL_OIDC_ALGORITHMS',
      `must be a comma-separated list of ${JWT_ALGORITHMS.join(', ')}, got ${JSON.stringify(unknown)}`,
    );
  }
  const rolesClaim = reader.string('ANVIL_OIDC_ROLES_CLAIM', 'roles');
  if (/\s/.test(rolesClaim) || rolesClaim.split('.').includes('')) {
    throw new ConfigException(
      'ANVIL_OIDC_ROLES_CLAIM',
      `must be a claim name or dotted path like realm_access.roles, got ${JSON.stringify(rolesClaim)}`,
    );
  }
  return {
    issuer,
    audience: reader.string('ANVIL_OIDC_AUDIENCE'),
    jwksUrl: jwksUrl === '' ? null : jwksUrl,
    algorithms,
    rolesClaim,
    webClientId: loadWebClientId(webClientId),
    webScopes: loadWebScopes(reader),
  };
}

function loadWebClientId(clientId: string): string | null {
  if (clientId === '') {
    return null;
  }
  if (!CLIENT_ID.test(clientId)) {
    throw new ConfigException(
      'ANVIL_OIDC_WEB_CLIENT_ID',
      `must be printable ASCII without white space at either end, got ${JSON.stringify(clientId)}`,
    );
  }
  return clientId;
}

function loadWebScopes(reader: EnvReader): string[] {
  const raw = reader.string('ANVIL_OIDC_WEB_SCOPES', 'openid profile email');
  const scopes = [...new Set(raw.split(/[\s,]+/).filter((scope) => scope !== ''))];
  const bad = scopes.find((scope) => !SCOPE_TOKEN.test(scope));
  if (bad !== undefined || !scopes.includes('openid')) {
    throw new ConfigException(
      'ANVIL_OIDC_WEB_SCOPES',
      `must be scopes separated by spaces or commas, openid among them, got ${JSON.stringify(raw)}`,
    );
  }
  return scopes;
}
