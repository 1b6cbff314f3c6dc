import type { Request } from 'express';
import { identityOf } from '../auth/identity-of.util';

/**
 * Whose key it is: two callers may pick the same key without meeting. The identity AuthGuard established (an API
 * token's id, `oidc:<sub>`); the client address only on a route that has none.
 */
export function idempotencyScopeOf(request: Request): string {
  const identity = identityOf(request);
  return identity ? `identity:${identity.id}` : `ip:${request.ip ?? 'unknown'}`;
}
