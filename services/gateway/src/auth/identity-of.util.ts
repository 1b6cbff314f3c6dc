import type { Request } from 'express';
import type { Identity } from './identity';

const IDENTITY = Symbol('anvil.identity');

type WithIdentity = Request & { [IDENTITY]?: Identity };

export function setIdentity(request: Request, identity: Identity): void {
  (request as WithIdentity)[IDENTITY] = identity;
}

/** The identity `AuthGuard` put on the request; undefined on open routes (health, metrics, docs). */
export function identityOf(request: Request): Identity | undefined {
  return (request as WithIdentity)[IDENTITY];
}
