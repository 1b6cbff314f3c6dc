import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CurrentOverrideDto } from './dto/current-override.dto';

// Queues whose status an operator set.
const WHERE_OVERRIDDEN = `WHERE q.status_source = 'manual' AND ($1::text IS NULL OR q.site_id = $1)`;

// The latest manual override decision of the queue `q` (the decider writes it with the status, in one transaction;
// a status set outside the API may have none).
const LATEST_OVERRIDE = `
  LEFT JOIN LATERAL (
    SELECT id, reason, evidence FROM decisions
     WHERE queue_id = q.id AND action = 'override' AND source = 'manual'
     ORDER BY decided_at DESC, id DESC
     LIMIT 1
  ) d ON true`;

@Injectable()
export class OverridesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the queues under a manual override, by site then queue id, and how many there are. */
  async current(filter: { site?: string; limit: number; offset: number }): Promise<{
    items: CurrentOverrideDto[];
    total: number;
  }> {
    const params = [filter.site ?? null];
    const [items, counted] = await Promise.all([
      this.dataSource.query<CurrentOverrideDto[]>(
        `SELECT q.id AS "queueId", q.site_id AS "siteId", q.status,
                CASE WHEN d.evidence->>'mode' IN ('exclude', 'online') THEN d.evidence->>'mode' END AS mode,
                d.reason, q.status_set_by AS "setBy", q.status_since AS since,
                d.evidence->>'expiresAt' AS "expiresAt", d.id AS "decisionId"
           FROM queues q ${LATEST_OVERRIDE}
         ${WHERE_OVERRIDDEN}
          ORDER BY q.site_id, q.id
          LIMIT $2 OFFSET $3`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM queues q ${WHERE_OVERRIDDEN}`,
        params,
      ),
    ]);
    return { items, total: counted[0]?.total ?? 0 };
  }
}
