import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueueSelector } from '@anvil/db';
import type { QueueDto } from './dto/queue.dto';
import type { QueueFilter } from './queue-filter';

interface QueueRow extends Omit<QueueDto, 'site'> {
  siteId: string;
  siteName: string;
}

const SELECT_QUEUE = `
  SELECT q.id, q.name, q.backend, q.status, q.status_source AS "statusSource", q.status_set_by AS "statusSetBy",
         q.status_since AS "statusSince", q.exclusion_count AS "exclusionCount",
         q.next_eligible_at AS "nextEligibleAt", q.labels, q.protected, q.auto_exclusion AS "autoExclusion",
         s.id AS "siteId", s.name AS "siteName"
    FROM queues q
    JOIN sites s ON s.id = q.site_id`;

@Injectable()
export class QueuesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: QueueFilter): Promise<QueueDto[]> {
    const rows: QueueRow[] = await this.dataSource.query(
      `${SELECT_QUEUE}
        WHERE ($1::text IS NULL OR q.site_id = $1)
          AND ($2::text IS NULL OR q.status = $2)
          AND ($3::text IS NULL OR q.backend = $3)
        ORDER BY q.site_id, q.id`,
      [filter.site ?? null, filter.status ?? null, filter.backend ?? null],
    );
    return rows.map(toQueueDto);
  }

  async findById(id: string): Promise<QueueDto | undefined> {
    const rows: QueueRow[] = await this.dataSource.query(`${SELECT_QUEUE} WHERE q.id = $1`, [id]);
    return rows.map(toQueueDto)[0];
  }

  /** The ids among `ids` that name an existing queue. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM queues WHERE id = ANY($1::text[])`, [
      ids,
    ]);
    return new Set(rows.map((row) => row.id));
  }

  /**
   * How many queues a selector selects: the listed ids, plus (when labels or a backend are given)
   * every queue carrying all the labels on that backend. Queue status does not matter: excluded
   * queues keep getting test jobs so that their recovery can be seen.
   */
  async countSelected(selector: QueueSelector): Promise<number> {
    const labels = selector.labels ?? {};
    const matchByAttributes = Object.keys(labels).length > 0 || selector.backend !== undefined;
    const rows: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM queues
        WHERE id = ANY($1::text[])
           OR ($2::boolean AND labels @> $3::jsonb AND ($4::text IS NULL OR backend = $4))`,
      [selector.queueIds ?? [], matchByAttributes, JSON.stringify(labels), selector.backend ?? null],
    );
    return rows[0]?.count ?? 0;
  }
}

function toQueueDto({ siteId, siteName, ...queue }: QueueRow): QueueDto {
  return { ...queue, site: { id: siteId, name: siteName } };
}
