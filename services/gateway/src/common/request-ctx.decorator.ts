import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException } from '../errors/api.exception';
import { ACTOR_HEADER, ANONYMOUS_ACTOR } from './actor-header.constant';
import type { RequestContext } from './request-context';

// Ids longer than this are cut: the header comes from the client.
const MAX_REQUEST_ID_LENGTH = 200;
// Printable, no control characters: user names, e-mail addresses, certificate DNs.
const ACTOR = /^[^\p{Cc}]{1,200}$/u;

/**
 * The caller's identity and the request id (X-Request-ID, else the logger's id). Until authentication
 * exists the identity is the X-Anvil-Actor header as given, 'anonymous' without it.
 */
export const RequestCtx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<Request & { id?: unknown }>();
  const header = request.headers['x-request-id'];
  const fromHeader = typeof header === 'string' && header !== '' ? header : undefined;
  const fromLogger = typeof request.id === 'string' ? request.id : undefined;
  const requestId = fromHeader ?? fromLogger;
  return { actor: actorOf(request), requestId: requestId ? requestId.slice(0, MAX_REQUEST_ID_LENGTH) : null };
});

function actorOf(request: Request): string {
  const header = request.headers[ACTOR_HEADER];
  if (header === undefined) {
    return ANONYMOUS_ACTOR;
  }
  const actor = typeof header === 'string' ? header.trim() : '';
  if (!ACTOR.test(actor)) {
    throw ApiException.invalidField('X-Anvil-Actor', 'must be 1-200 printable characters');
  }
  return actor;
}
