import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry } from './audit-entry';

@Injectable()
export class OverridesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the audit row, then runs `publish`, in one transaction: when the publish fails the row is
   * rolled back, so there is never an audit row for a command that was not sent.
   */
  async auditAndPublish(entry: AuditEntry, publish: () => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO audit_log (actor, action, target, details, request_id) VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [entry.actor, entry.action, entry.target, JSON.stringify(entry.details), entry.requestId],
      );
      await publish();
    });
  }
}
