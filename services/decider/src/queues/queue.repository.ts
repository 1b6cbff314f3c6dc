import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueueInfo } from './queue-info';

interface QueueRow {
  id: string;
  site_id: string;
  backend: string;
  backend_config: Record<string, unknown>;
  labels: Record<string, string>;
  protected: boolean;
  auto_exclusion: boolean;
}

const COLUMNS = 'id, site_id, backend, backend_config, labels, protected, auto_exclusion';

/** Reads `queues` for the engine's queue profiles (the decider writes queue status only through its plans). */
@Injectable()
export class QueueRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async all(): Promise<QueueInfo[]> {
    const rows = await this.dataSource.query<QueueRow[]>(`SELECT ${COLUMNS} FROM queues ORDER BY id`);
    return rows.map(toInfo);
  }

  async byIds(ids: readonly string[]): Promise<QueueInfo[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.dataSource.query<QueueRow[]>(`SELECT ${COLUMNS} FROM queues WHERE id = ANY($1::text[])`, [
      ids,
    ]);
    return rows.map(toInfo);
  }
}

function toInfo(row: QueueRow): QueueInfo {
  return {
    queueId: row.id,
    siteId: row.site_id,
    backend: row.backend,
    backendConfig: row.backend_config,
    labels: row.labels,
    protected: row.protected,
    autoExclusion: row.auto_exclusion,
  };
}
