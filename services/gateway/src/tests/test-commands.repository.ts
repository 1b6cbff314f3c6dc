import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import type { AuditEntry } from '../overrides/audit-entry';

@Injectable()
export class TestCommandsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Inserts the audit row, then runs `publish`, in one transaction: when the publish fails the row is rolled
   * back, so there is never an audit row for a command that was not sent.
   */
  async auditAndPublish(entry: AuditEntry, publish: () => Promise<void>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.audit.insert(entry, manager);
      await publish();
    });
  }
}
