import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { looksLikeApiToken, roleAtLeast, type ApiRole } from '@anvil/db';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig } from '../gateway.env';
import { ANY_CALLER } from './any-caller.decorator';
import { ApiTokenAuthenticator } from './api-token-authenticator.service';
import { bearerTokenOf } from './bearer-token.util';
import { ANONYMOUS_IDENTITY, type Identity } from './identity';
import { setIdentity } from './identity-of.util';
import { guardedRequest } from './is-open-path.util';
import { OidcVerifier } from './oidc-verifier.service';
import { READ_METHODS } from './read-methods.constant';
import { REQUIRED_ROLE } from './require-role.decorator';
import { UnauthenticatedException } from './unauthenticated.exception';

/**
 * Global guard: every route but the open ones (health, metrics, docs) needs an identity with the route's role —
 * `@RequireRole`, else viewer for reads and operator for writes. A token that is presented must be valid, even on
 * a read; a read without one is anonymous (viewer) when ANVIL_ANONYMOUS_READS is on. The identity is put on the
 * request (`identityOf`, `@CurrentIdentity()`). A route marked `@AnyCaller()` takes callers without a token too.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiTokens: ApiTokenAuthenticator,
    private readonly oidc: OidcVerifier,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = guardedRequest(context);
    if (!request) {
      return true;
    }
    const read = READ_METHODS.has(request.method);
    const targets = [context.getHandler(), context.getClass()];
    const anyCaller = this.reflector.getAllAndOverride<boolean | undefined>(ANY_CALLER, targets) === true;
    const required =
      this.reflector.getAllAndOverride<ApiRole | undefined>(REQUIRED_ROLE, targets) ?? (read ? 'viewer' : 'operator');
    try {
      const identity = await this.identify(
        request,
        anyCaller || (read && required === 'viewer' && this.config.anonymousReads),
      );
      if (!anyCaller && !roleAtLeast(identity.role, required)) {
        throw new ApiException(
          ApiErrorCode.Forbidden,
          `this needs the ${required} role; ${identity.name} has ${identity.role}`,
          [{ field: 'Authorization', problem: `grants ${identity.role}, this needs ${required}` }],
        );
      }
      setIdentity(request, identity);
      return true;
    } catch (error) {
      if (error instanceof UnauthenticatedException) {
        context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', error.challenge());
      }
      throw error;
    }
  }

  private async identify(request: Request, anonymousAllowed: boolean): Promise<Identity> {
    const token = bearerTokenOf(request);
    if (token === null) {
      if (anonymousAllowed) {
        return ANONYMOUS_IDENTITY;
      }
      throw new UnauthenticatedException('is missing: this needs a bearer token (OIDC or Anvil API token)');
    }
    return looksLikeApiToken(token) ? this.apiTokens.authenticate(token) : this.oidc.authenticate(token);
  }
}
