import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { identityOf } from '../auth/identity-of.util';
import { guardedRequest } from '../auth/is-open-path.util';
import { READ_METHODS } from '../auth/read-methods.constant';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig } from '../gateway.env';
import type { RateLimitDecision } from './rate-limit-decision';
import { RateLimiter } from './rate-limiter.service';

/**
 * Global guard after AuthGuard (GatewayModule imports AuthModule first): one request from the identity's bucket
 * for reads or for writes; anonymous callers share a bucket per client address (`req.ip`, which honours
 * X-Forwarded-For only from ANVIL_GATEWAY_TRUST_PROXY). Sends RateLimit-* headers; 429 with Retry-After when empty.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = guardedRequest(context);
    if (!request) {
      return true;
    }
    const identity = identityOf(request);
    if (!identity) {
      throw new Error('RateLimitGuard ran before AuthGuard: import AuthModule before RateLimitModule');
    }
    const kind = READ_METHODS.has(request.method) ? 'read' : 'write';
    const limit = kind === 'read' ? this.config.rateLimit.readsPerMinute : this.config.rateLimit.writesPerMinute;
    if (limit === 0) {
      return true;
    }
    const subject = identity.via === 'anonymous' ? `ip:${request.ip ?? 'unknown'}` : `id:${identity.id}`;
    const decision = await this.limiter.take(kind, subject, limit);
    if (!decision) {
      return true;
    }
    setHeaders(context.switchToHttp().getResponse<Response>(), decision);
    if (!decision.allowed) {
      throw new ApiException(
        ApiErrorCode.TooManyRequests,
        `more than ${limit} ${kind}s per minute from ${identity.name}; retry in ${decision.retryAfterSeconds} s`,
      );
    }
    return true;
  }
}

function setHeaders(response: Response, decision: RateLimitDecision): void {
  response.setHeader('RateLimit-Limit', String(decision.limit));
  response.setHeader('RateLimit-Remaining', String(decision.remaining));
  response.setHeader('RateLimit-Reset', String(decision.resetSeconds));
  response.setHeader('RateLimit-Policy', `${decision.limit};w=60`);
  if (!decision.allowed) {
    response.setHeader('Retry-After', String(decision.retryAfterSeconds));
  }
}
