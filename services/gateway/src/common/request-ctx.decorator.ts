import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { commandRequestId } from '@anvil/contracts';
import type { Request } from 'express';
import { identityOf } from '../auth/identity-of.util';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-headers.constant';
import type { RequestContext } from './request-context';

// Ids longer than this are cut: the header comes from the client.
const MAX_REQUEST_ID_LENGTH = 200;

/**
 * The caller's name (the identity AuthGuard established) and the request id: X-Request-ID as HAProxy or the
 * client set it, else the one the logger made up (nestjs-pino's `genReqId`, also echoed in the response).
 */
export function requestContextOf(request: Request & { id?: unknown }): RequestContext {
  const header = request.headers['x-request-id'];
  const fromHeader = typeof header === 'string' && header !== '' ? header : undefined;
  const fromLogger = typeof request.id === 'string' ? request.id : undefined;
  const requestId = fromHeader ?? fromLogger;
  const identity = identityOf(request);
  // Checked by the idempotency interceptor before any handler runs.
  const idempotencyKey = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  return {
    actor: identity?.name ?? 'anonymous',
    requestId: requestId ? requestId.slice(0, MAX_REQUEST_ID_LENGTH) : null,
    commandRequestId:
      typeof idempotencyKey === 'string' && idempotencyKey !== ''
        ? commandRequestId(identity?.id ?? 'anonymous', idempotencyKey)
        : randomUUID(),
  };
}

/** `requestContextOf` as a parameter decorator, for services that write their own `audit_log` rows. */
export const RequestCtx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext =>
  requestContextOf(context.switchToHttp().getRequest<Request>()),
);
