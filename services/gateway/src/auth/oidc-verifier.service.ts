import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig, OidcConfig } from '../gateway.env';
import type { Identity } from './identity';
import { roleFromClaims } from './roles-from-claims.util';
import { UnauthenticatedException } from './unauthenticated.exception';

const FETCH_TIMEOUT_MS = 5_000;
// Tolerated clock skew between the issuer and the gateway for exp/nbf/iat.
const CLOCK_TOLERANCE_SECONDS = 30;
// Errors that say the token is bad (401); any other error means the issuer's keys could not be had (503).
const TOKEN_ERRORS: ReadonlySet<string> = new Set([
  errors.JWTExpired.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTInvalid.code,
  errors.JWSInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

/**
 * Verifies OIDC access tokens (JWTs): signature against the issuer's JWKS (fetched once, refetched when a token
 * names an unknown key), `iss`, `aud`, `exp`/`nbf` and the algorithm. Without ANVIL_OIDC_JWKS_URL the JWKS URL
 * is the `jwks_uri` of the issuer's discovery document, read on the first token.
 */
@Injectable()
export class OidcVerifier {
  private readonly logger = new Logger(OidcVerifier.name);
  private readonly config: OidcConfig | null;
  private keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.config = config.oidc;
  }

  async authenticate(jwt: string): Promise<Identity> {
    const config = this.config;
    if (!config) {
      throw new UnauthenticatedException(
        'holds neither an API token (anvil_…) nor, as OIDC is off, a JWT',
        'invalid_token',
      );
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, await this.keySet(config), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: [...config.algorithms],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw this.rejection(error);
    }
    const role = roleFromClaims(payload, config.rolesClaim);
    if (role === null) {
      throw new ApiException(
        ApiErrorCode.Forbidden,
        `the token grants no Anvil role in its ${config.rolesClaim} claim`,
        [{ field: 'Authorization', problem: `grants no Anvil role in claim ${config.rolesClaim}` }],
      );
    }
    const sub = payload.sub as string;
    return { id: `oidc:${sub}`, name: displayName(payload) ?? sub, role, via: 'oidc' };
  }

  private rejection(error: unknown): Error {
    if (error instanceof errors.JOSEError && TOKEN_ERRORS.has(error.code)) {
      return new UnauthenticatedException(`holds an invalid token (${error.message})`, 'invalid_token');
    }
    this.logger.error(`OIDC keys of ${this.config?.issuer} unavailable: ${describe(error)}`);
    return new ApiException(ApiErrorCode.Unavailable, 'the identity provider’s keys could not be fetched; retry later');
  }

  /** The JWKS, discovered once; a failed discovery is retried on the next token. */
  private keySet(config: OidcConfig): Promise<JWTVerifyGetKey> {
    if (!this.keys) {
      const keys = this.jwksUrl(config).then((url) =>
        createRemoteJWKSet(new URL(url), { timeoutDuration: FETCH_TIMEOUT_MS }),
      );
      keys.catch(() => {
        if (this.keys === keys) {
          this.keys = null;
        }
      });
      this.keys = keys;
    }
    return this.keys;
  }

  private async jwksUrl(config: OidcConfig): Promise<string> {
    if (config.jwksUrl) {
      return config.jwksUrl;
    }
    const discovery = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(discovery, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) {
      throw new Error(`${discovery} answered ${response.status}`);
    }
    const document = (await response.json()) as { jwks_uri?: unknown };
    if (typeof document.jwks_uri !== 'string') {
      throw new Error(`${discovery} has no jwks_uri`);
    }
    return document.jwks_uri;
  }
}

function displayName(payload: JWTPayload): string | undefined {
  for (const claim of ['preferred_username', 'email']) {
    const value = payload[claim];
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
