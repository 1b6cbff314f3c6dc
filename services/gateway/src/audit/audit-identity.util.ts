import type { Identity } from '../auth/identity';

/** Who made a write, as every `audit_log` row records it in `details.identity`: the stable id, not just the name. */
export type AuditIdentity = Pick<Identity, 'id' | 'role' | 'via'>;

export function auditIdentityOf(identity: Identity | undefined): AuditIdentity | null {
  return identity ? { id: identity.id, role: identity.role, via: identity.via } : null;
}
