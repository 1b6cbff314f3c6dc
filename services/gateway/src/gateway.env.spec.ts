import { join, resolve } from 'node:path';
import { EnvReader } from '@anvil/config';
import { loadGatewayConfig } from './gateway.env';

const load = (env: Record<string, string>) => loadGatewayConfig(new EnvReader(env));
const OIDC = { ANVIL_OIDC_ISSUER: 'https://sso.example.org/realms/anvil', ANVIL_OIDC_AUDIENCE: 'anvil' };

describe('loadGatewayConfig', () => {
  it('listens on loopback:8080 with a 256kb body limit, public reads, no OIDC and generous rate limits when nothing is set', () => {
    expect(load({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      bodyLimit: '256kb',
      trustProxy: ['loopback'],
      anonymousReads: true,
      oidc: null,
      rateLimit: { readsPerMinute: 120_000, writesPerMinute: 60_000 },
      idempotencyTtlSeconds: 86_400,
      pageCacheMs: 1000,
      seriesCacheMs: 5000,
      webDist: join(__dirname, '..', '..', 'web', 'dist'),
    });
  });
  it('names ANVIL_GATEWAY_BODY_LIMIT when the size is unreadable', () => {
    expect(() => load({ ANVIL_GATEWAY_BODY_LIMIT: 'big' })).toThrow('invalid setting ANVIL_GATEWAY_BODY_LIMIT');
  });
  it('names ANVIL_GATEWAY_PORT when the port is out of range', () => {
    expect(() => load({ ANVIL_GATEWAY_PORT: '70000' })).toThrow('invalid setting ANVIL_GATEWAY_PORT');
  });

  describe('ANVIL_GATEWAY_TRUST_PROXY', () => {
    it('reads a list of names, addresses and CIDRs', () => {
      expect(load({ ANVIL_GATEWAY_TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual([
        'loopback',
        '10.0.0.0/8',
        '::1',
      ]);
    });
    it('trusts no proxy when none', () => {
      expect(load({ ANVIL_GATEWAY_TRUST_PROXY: 'none' }).trustProxy).toEqual([]);
    });
    it.each(['everyone', '10.0.0.0/33', '10.0.0/8', 'loopback,'])('names the setting for %j', (value) => {
      expect(() => load({ ANVIL_GATEWAY_TRUST_PROXY: value })).toThrow('invalid setting ANVIL_GATEWAY_TRUST_PROXY');
    });
  });

  it('turns anonymous reads off', () => {
    expect(load({ ANVIL_ANONYMOUS_READS: 'false' }).anonymousReads).toBe(false);
  });
  it('names ANVIL_ANONYMOUS_READS when it is not a boolean', () => {
    expect(() => load({ ANVIL_ANONYMOUS_READS: 'maybe' })).toThrow('invalid setting ANVIL_ANONYMOUS_READS');
  });

  describe('OIDC', () => {
    it('discovers the JWKS, accepts RS256 and ES256 and reads the roles claim by default', () => {
      expect(load(OIDC).oidc).toEqual({
        issuer: 'https://sso.example.org/realms/anvil',
        audience: 'anvil',
        jwksUrl: null,
        algorithms: ['RS256', 'ES256'],
        rolesClaim: 'roles',
        webClientId: null,
        webScopes: ['openid', 'profile', 'email'],
      });
    });
    it('reads the web UI’s client id and scopes', () => {
      expect(
        load({ ...OIDC, ANVIL_OIDC_WEB_CLIENT_ID: 'anvil-web', ANVIL_OIDC_WEB_SCOPES: 'openid, roles  openid' }).oidc,
      ).toMatchObject({ webClientId: 'anvil-web', webScopes: ['openid', 'roles'] });
    });
    it('names ANVIL_OIDC_WEB_CLIENT_ID when it comes without an issuer', () => {
      expect(() => load({ ANVIL_OIDC_WEB_CLIENT_ID: 'anvil-web' })).toThrow(
        'invalid setting ANVIL_OIDC_WEB_CLIENT_ID: needs ANVIL_OIDC_ISSUER',
      );
    });
    it('reads an explicit JWKS URL, algorithms and a nested roles claim', () => {
      const oidc = load({
        ...OIDC,
        ANVIL_OIDC_JWKS_URL: 'https://sso.example.org/certs',
        ANVIL_OIDC_ALGORITHMS: 'PS256, EdDSA',
        ANVIL_OIDC_ROLES_CLAIM: 'realm_access.roles',
      }).oidc;
      expect(oidc).toMatchObject({
        jwksUrl: 'https://sso.example.org/certs',
        algorithms: ['PS256', 'EdDSA'],
        rolesClaim: 'realm_access.roles',
      });
    });
    it('needs an audience with an issuer', () => {
      expect(() => load({ ANVIL_OIDC_ISSUER: OIDC.ANVIL_OIDC_ISSUER })).toThrow(
        'invalid setting ANVIL_OIDC_AUDIENCE: is required',
      );
    });
    it.each([
      ['ANVIL_OIDC_ISSUER', 'sso.example.org'],
      ['ANVIL_OIDC_JWKS_URL', 'ftp://sso.example.org/certs'],
      ['ANVIL_OIDC_ALGORITHMS', 'RS256,HS256'],
      ['ANVIL_OIDC_ALGORITHMS', 'none'],
      ['ANVIL_OIDC_ROLES_CLAIM', 'realm_access..roles'],
      ['ANVIL_OIDC_ROLES_CLAIM', 'my roles'],
      ['ANVIL_OIDC_WEB_CLIENT_ID', ' anvil-web'],
      ['ANVIL_OIDC_WEB_SCOPES', 'profile email'],
      ['ANVIL_OIDC_WEB_SCOPES', 'openid "quoted"'],
    ])('names %s when it is %j', (name, value) => {
      expect(() => load({ ...OIDC, [name]: value })).toThrow(`invalid setting ${name}`);
    });
  });

  it('resolves ANVIL_WEB_DIST against the working directory', () => {
    expect(load({ ANVIL_WEB_DIST: 'web/dist' }).webDist).toBe(resolve('web/dist'));
  });
  it('reads ANVIL_GATEWAY_SERIES_CACHE_MS, naming it when out of range', () => {
    expect(load({ ANVIL_GATEWAY_SERIES_CACHE_MS: '0' }).seriesCacheMs).toBe(0);
    expect(() => load({ ANVIL_GATEWAY_SERIES_CACHE_MS: '300001' })).toThrow(
      'invalid setting ANVIL_GATEWAY_SERIES_CACHE_MS',
    );
  });

  describe('rate limits', () => {
    it('reads both limits, 0 meaning none', () => {
      expect(
        load({ ANVIL_RATE_LIMIT_READS_PER_MINUTE: '600', ANVIL_RATE_LIMIT_WRITES_PER_MINUTE: '0' }).rateLimit,
      ).toEqual({ readsPerMinute: 600, writesPerMinute: 0 });
    });
    it.each(['ANVIL_RATE_LIMIT_READS_PER_MINUTE', 'ANVIL_RATE_LIMIT_WRITES_PER_MINUTE'])(
      'names %s when it is negative',
      (name) => {
        expect(() => load({ [name]: '-1' })).toThrow(`invalid setting ${name}`);
      },
    );
  });

  describe('idempotency', () => {
    it('keeps answers for ANVIL_IDEMPOTENCY_TTL_SECONDS', () => {
      expect(load({ ANVIL_IDEMPOTENCY_TTL_SECONDS: '600' }).idempotencyTtlSeconds).toBe(600);
      expect(load({ ANVIL_GATEWAY_PAGE_CACHE_MS: '0' }).pageCacheMs).toBe(0);
    });
    it.each(['59', '2592001', 'a day'])('names ANVIL_IDEMPOTENCY_TTL_SECONDS when it is %s', (value) => {
      expect(() => load({ ANVIL_IDEMPOTENCY_TTL_SECONDS: value })).toThrow(
        'invalid setting ANVIL_IDEMPOTENCY_TTL_SECONDS',
      );
    });
  });
});
