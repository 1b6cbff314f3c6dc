import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import type { AuditEntry } from '../overrides/audit-entry';
import type { NewQueue, QueueBackendState, QueueChanges } from './queue-changes';

// API field → column, and whether the value is stored as jsonb.
const COLUMNS: Record<keyof QueueChanges, { column: string; json: boolean }> = {
  name: { column: 'name', json: false },
  siteId: { column: 'site_id', json: false },
  backend: { column: 'backend', json: false },
  backendConfig: { column: 'backend_config', json: true },
  labels: { column: 'labels', json: true },
  protected: { column: 'protected', json: false },
  autoExclusion: { column: 'auto_exclusion', json: false },
};

/** Creates and changes queues, each write with its `audit_log` row in one transaction. */
@Injectable()
export class QueueWritesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async create(queue: NewQueue, audit: AuditEntry): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO queues (id, site_id, name, backend, backend_config, labels, protected, auto_exclusion)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
        [
          queue.id,
          queue.siteId,
          queue.name,
          queue.backend,
          JSON.stringify(queue.backendConfig),
          JSON.stringify(queue.labels),
          queue.protected,
          queue.autoExclusion,
        ],
      );
      await this.audit.insert(audit, manager);
    });
  }

  /**
   * Locks the queue, asks `check` about the change given its backend state (it throws to refuse), then applies the
   * change and writes the audit row. False when the queue does not exist.
   */
  async update(
    id: string,
    changes: QueueChanges,
    check: (before: QueueBackendState) => void,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query<QueueBackendState[]>(
        `SELECT backend, backend_config AS "backendConfig" FROM queues WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (before === undefined) {
        return false;
      }
      check(before);
      const fields = (Object.keys(COLUMNS) as (keyof QueueChanges)[]).filter((field) => changes[field] !== undefined);
      const values = fields.map((field) => (COLUMNS[field].json ? JSON.stringify(changes[field]) : changes[field]));
      const assignments = fields.map(
        (field, i) => `${COLUMNS[field].column} = $${i + 2}${COLUMNS[field].json ? '::jsonb' : ''}`,
      );
      await manager.query(`UPDATE queues SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1`, [
        id,
        ...values,
      ]);
      await this.audit.insert(audit, manager);
      return true;
    });
  }
}
