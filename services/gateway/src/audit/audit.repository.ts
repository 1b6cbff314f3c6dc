import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEntry } from '../overrides/audit-entry';

/** Inserts `audit_log` rows, through a transaction's manager when the row must commit with a write. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, action, target, details, request_id) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [entry.actor, entry.action, entry.target, JSON.stringify(entry.details), entry.requestId],
    );
  }
}
