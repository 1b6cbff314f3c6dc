import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { identityOf } from '../auth/identity-of.util';
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
  return {
    actor: identityOf(request)?.name ?? 'anonymous',
    requestId: requestId ? requestId.slice(0, MAX_REQUEST_ID_LENGTH) : null,
  };
}

/** `requestContextOf` as a parameter decorator, for services that write their own `audit_log` rows. */
export const RequestCtx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext =>
  requestContextOf(context.switchToHttp().getRequest<Request>()),
);
