import { API_ROLES, type ApiRole } from '@anvil/db';

/** What `GET /api/v1/me` says a caller is: `anonymous` without credentials, else the role of the token. */
export const CALLER_ROLES = ['anonymous', ...API_ROLES] as const;

export type CallerRole = 'anonymous' | ApiRole;
