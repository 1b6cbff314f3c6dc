import { Injectable, Logger } from '@nestjs/common';
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
  private readonly logger = new Logger(AuditRepository.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * For a command sent over the bus: inserts the audit row, then runs `publish`, in one transaction. When the
   * publish fails the row is rolled back, so there is never an audit row for a command that was not sent. (If the
   * commit fails after the stream took the command, that is logged: the command's consumer still records who asked.)
   */
  async auditAndPublish(entry: AuditEntry, publish: () => Promise<void>): Promise<void> {
    let published = false;
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.insert(entry, manager);
        await publish();
        published = true;
      });
    } catch (error) {
      if (published) {
        this.logger.error(
          `${entry.action} ${entry.target} by ${entry.actor} was published but its audit row was not committed`,
        );
      }
      throw error;
    }
  }

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
