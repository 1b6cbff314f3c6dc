import type { ApiRole } from '@anvil/db';

/** Who makes a request, as established by `AuthGuard`. */
export interface Identity {
  /** Stable id: the API token's id, `oidc:<sub>`, or `anonymous`. Rate limits and audit rows key on it. */
  readonly id: string;
  /** For people: the API token's name, the OIDC `preferred_username` (else `email`, else `sub`), or `anonymous`. */
  readonly name: string;
  readonly role: ApiRole;
  readonly via: 'api-token' | 'oidc' | 'anonymous';
}

/** A read without a token while ANVIL_ANONYMOUS_READS is on. */
export const ANONYMOUS_IDENTITY: Identity = { id: 'anonymous', name: 'anonymous', role: 'viewer', via: 'anonymous' };
