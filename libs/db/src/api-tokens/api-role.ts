/** Roles of the REST API, weakest first: each role may do everything the ones before it may. */
export const API_ROLES = ['viewer', 'operator', 'admin'] as const;

export type ApiRole = (typeof API_ROLES)[number];

export function isApiRole(value: unknown): value is ApiRole {
  return typeof value === 'string' && (API_ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `required` may. */
export function roleAtLeast(role: ApiRole, required: ApiRole): boolean {
  return API_ROLES.indexOf(role) >= API_ROLES.indexOf(required);
}
