import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditIdentity } from './audit-identity.util';

/**
 * The caller of the write being handled, set by AuditInterceptor around the handler: AuditRepository adds it to
 * the rows services write in their transactions (their entries name the caller only by `actor`, a name).
 */
export const CURRENT_AUDIT_IDENTITY = new AsyncLocalStorage<AuditIdentity | null>();
