import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntry } from '../overrides/audit-entry';
import { CURRENT_AUDIT_IDENTITY } from './current-audit-identity.storage';

/**
 * Inserts `audit_log` rows, through a transaction's manager when the row must commit with a write. A row whose
 * details name no `identity` gets the caller's (`{id, role, via}`, CURRENT_AUDIT_IDENTITY): `actor` is a name (a
 * token's free text, an OIDC username) that two callers may share; the identity id is stable.
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const details =
      'identity' in entry.details
        ? entry.details
        : { ...entry.details, identity: CURRENT_AUDIT_IDENTITY.getStore() ?? null };
    await manager.query(
      `INSERT INTO audit_log (actor, action, target, details, request_id) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [entry.actor, entry.action, entry.target, JSON.stringify(details), entry.requestId],
    );
  }
}
