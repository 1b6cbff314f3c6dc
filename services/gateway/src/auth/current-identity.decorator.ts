import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Identity } from './identity';
import { identityOf } from './identity-of.util';

/** The caller (`Identity`) of an API route: `handler(@CurrentIdentity() identity: Identity)`. */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const identity = identityOf(context.switchToHttp().getRequest<Request>());
  if (!identity) {
    // Only open routes (health, metrics, docs) have none, and they do not ask.
    throw new Error('@CurrentIdentity() on a route that AuthGuard does not cover');
  }
  return identity;
});
