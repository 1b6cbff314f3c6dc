import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobStateCounts } from '../tests/job-state-counts';
import { decodeHistoryCells, HISTORY_COUNTERS, type HistoryColumns } from './history-cells.util';
import type { QueueFilter } from './queue-filter';
import { labelsFromFilter } from './label-filter.util';

/** A queue's jobs submitted on one UTC day (`YYYY-MM-DD`). */
export type DailyCounts = JobStateCounts & { day: string };

/** One queue's counters per day of a window, each array in day order. */
export type QueueHistoryRow = { queueId: string; siteId: string } & HistoryColumns;

/** Site history from `queue_daily_rollups` (per queue × UTC day × golden); never reads `jobs` or `job_rollups`. */
@Injectable()
export class QueueHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The queue's site, or undefined when the queue does not exist. */
  async siteOf(queueId: string): Promise<string | undefined> {
    const rows: { siteId: string }[] = await this.dataSource.query(
      `SELECT site_id AS "siteId" FROM queues WHERE id = $1`,
      [queueId],
    );
    return rows[0]?.siteId;
  }

  /** The days from `from` to `to` (inclusive) on which the queue has jobs, golden and not summed unless filtered. */
  async daily(queueId: string, window: { from: string; to: string; golden?: boolean }): Promise<DailyCounts[]> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, ${HISTORY_COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}
         FROM queue_daily_rollups
        WHERE queue_id = $1 AND day BETWEEN $2::date AND $3::date AND ($4::boolean IS NULL OR golden = $4)
        GROUP BY day`,
      [queueId, window.from, window.to, window.golden ?? null],
    );
  }

  /**
   * Every queue matching `filter`, by site then queue id, with one entry per day from `from` to `to` in each of its
   * counter arrays (zeros on days without jobs). One query; each queue's rows come back as one string of integers
   * (see `decodeHistoryCells`): 1,000 queues × 14 days as rows or arrays cost PostgreSQL and the driver 3-4 times more.
   */
  async matrix(
    filter: QueueFilter,
    window: { from: string; to: string; golden?: boolean },
  ): Promise<QueueHistoryRow[]> {
    const rows: { queueId: string; siteId: string; cells: string | null }[] = await this.dataSource.query(
      `WITH q AS (
         SELECT id, site_id FROM queues
          WHERE ($4::text IS NULL OR site_id = $4) AND ($5::text IS NULL OR status = $5)
            AND ($6::text IS NULL OR backend = $6) AND ($7::jsonb IS NULL OR labels @> $7)
       ), c AS (
         SELECT r.queue_id,
                string_agg(concat_ws(',', r.day - $1::date, ${HISTORY_COUNTERS.map((c) => `r.${c}`).join(', ')}), ',')
                  AS cells
           FROM queue_daily_rollups r
           JOIN q ON q.id = r.queue_id
          WHERE r.day BETWEEN $1::date AND $2::date AND ($3::boolean IS NULL OR r.golden = $3)
          GROUP BY r.queue_id
       )
       SELECT q.id AS "queueId", q.site_id AS "siteId", c.cells
         FROM q
         LEFT JOIN c ON c.queue_id = q.id
        ORDER BY q.site_id, q.id`,
      [
        window.from,
        window.to,
        window.golden ?? null,
        filter.site ?? null,
        filter.status ?? null,
        filter.backend ?? null,
        labelsFromFilter(filter.label),
      ],
    );
    const days = dayCount(window.from, window.to);
    return rows.map(({ queueId, siteId, cells }) => ({ queueId, siteId, ...decodeHistoryCells(cells, days) }));
  }
}

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / (24 * 3600 * 1000)) + 1;
}
