import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { RequestContext } from './request-context';

// Ids longer than this are cut: the header comes from the client.
const MAX_REQUEST_ID_LENGTH = 200;

/** The caller's identity ('anonymous' until auth exists) and the request id (X-Request-ID, else the logger's id). */
export const RequestCtx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<Request & { id?: unknown }>();
  const header = request.headers['x-request-id'];
  const fromHeader = typeof header === 'string' && header !== '' ? header : undefined;
  const fromLogger = typeof request.id === 'string' ? request.id : undefined;
  const requestId = fromHeader ?? fromLogger;
  return { actor: 'anonymous', requestId: requestId ? requestId.slice(0, MAX_REQUEST_ID_LENGTH) : null };
});
