import { SetMetadata } from '@nestjs/common';

export const AUDITED_IN_TRANSACTION = 'anvil:audited-in-transaction';

/**
 * Marks a write route whose service inserts its own `audit_log` row in the write's transaction (with
 * `@RequestCtx()` or `@CurrentIdentity()`): AuditInterceptor then adds none.
 */
export const AuditedInTransaction = () => SetMetadata(AUDITED_IN_TRANSACTION, true);
