import { API_ROLES, type ApiRole } from '@anvil/db';

/** Claim values that grant each role (compared case-insensitively). */
const ROLE_VALUES: Readonly<Record<string, ApiRole>> = Object.fromEntries(
  API_ROLES.flatMap((role) => [
    [role, role],
    [`anvil-${role}`, role],
  ]),
);

/**
 * The highest Anvil role the token's `claimPath` grants, null for none. The claim is looked up as one name first
 * (namespaced claims like `https://anvil.example/roles` hold dots), then as a dotted path (`realm_access.roles`);
 * it may be an array of strings or one string of space- or comma-separated values.
 */
export function roleFromClaims(claims: Record<string, unknown>, claimPath: string): ApiRole | null {
  const values = valuesOf(claimPath in claims ? claims[claimPath] : walk(claims, claimPath.split('.')));
  let best: ApiRole | null = null;
  for (const value of values) {
    const role = ROLE_VALUES[value.toLowerCase()];
    if (role !== undefined && (best === null || API_ROLES.indexOf(role) > API_ROLES.indexOf(best))) {
      best = role;
    }
  }
  return best;
}

function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function valuesOf(claim: unknown): string[] {
  if (typeof claim === 'string') {
    return claim.split(/[\s,]+/).filter((value) => value !== '');
  }
  if (Array.isArray(claim)) {
    return claim.filter((value): value is string => typeof value === 'string');
  }
  return [];
}
