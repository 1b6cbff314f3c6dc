import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueueSelector } from '@anvil/db';
import type { QueueDetailDto } from './dto/queue-detail.dto';
import type { QueueDto } from './dto/queue.dto';
import { labelsFromFilter } from './label-filter.util';
import type { QueueFilter } from './queue-filter';

/** A queue as selected: its site as two columns. */
type QueueRow<TQueue extends QueueDto> = Omit<TQueue, 'site'> & { siteId: string; siteName: string };

const LIST_COLUMNS = `
  q.id, q.name, q.backend, q.status, q.status_source AS "statusSource", q.status_set_by AS "statusSetBy",
  q.status_since AS "statusSince", q.exclusion_count AS "exclusionCount", q.next_eligible_at AS "nextEligibleAt",
  q.labels, q.protected, q.auto_exclusion AS "autoExclusion", s.id AS "siteId", s.name AS "siteName"`;

const DETAIL_COLUMNS = `${LIST_COLUMNS},
  q.backend_config AS "backendConfig", q.created_at AS "createdAt", q.updated_at AS "updatedAt"`;

const FROM_FILTERED = `
    FROM queues q
    JOIN sites s ON s.id = q.site_id
   WHERE ($1::text IS NULL OR q.site_id = $1)
     AND ($2::text IS NULL OR q.status = $2)
     AND ($3::text IS NULL OR q.backend = $3)
     AND ($4::jsonb IS NULL OR q.labels @> $4)`;

/** Reads of `queues` (with their site); writes are in `QueueWritesRepository`. */
@Injectable()
export class QueuesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the queues matching `filter`, by site then queue id, and how many match over all pages. */
  async page(
    filter: QueueFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: QueueDto[]; total: number }> {
    const params = [filter.site ?? null, filter.status ?? null, filter.backend ?? null, labelsFromFilter(filter.label)];
    const [rows, counted] = await Promise.all([
      this.dataSource.query<QueueRow<QueueDto>[]>(
        `SELECT ${LIST_COLUMNS} ${FROM_FILTERED} ORDER BY q.site_id, q.id LIMIT $5 OFFSET $6`,
        [...params, page.limit, page.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${FROM_FILTERED}`, params),
    ]);
    return { items: rows.map((row) => withSite(row)), total: counted[0]?.total ?? 0 };
  }

  /** Every queue of a site, by id. */
  async ofSite(siteId: string): Promise<QueueDto[]> {
    const rows = await this.dataSource.query<QueueRow<QueueDto>[]>(
      `SELECT ${LIST_COLUMNS} FROM queues q JOIN sites s ON s.id = q.site_id WHERE q.site_id = $1 ORDER BY q.id`,
      [siteId],
    );
    return rows.map((row) => withSite(row));
  }

  async findById(id: string): Promise<QueueDetailDto | undefined> {
    const rows = await this.dataSource.query<QueueRow<QueueDetailDto>[]>(
      `SELECT ${DETAIL_COLUMNS} FROM queues q JOIN sites s ON s.id = q.site_id WHERE q.id = $1`,
      [id],
    );
    return rows.map((row) => withSite(row))[0];
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

function withSite<TQueue extends QueueDto>({ siteId, siteName, ...queue }: QueueRow<TQueue>): TQueue {
  // The rest of the row is TQueue without `site`, which is put back.
  return { ...queue, site: { id: siteId, name: siteName } } as unknown as TQueue;
}
