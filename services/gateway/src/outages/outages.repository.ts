import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutageDto } from './dto/outage.dto';
import type { OutageState } from './outage-states.constant';

const WHERE = `
   FROM outages o
  WHERE ($1::text IS NULL OR ($1 = 'open') = (o.closed_at IS NULL))`;

@Injectable()
export class OutagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of outages, latest opened first, and how many match over all pages. */
  async page(filter: { state?: OutageState; limit: number; offset: number }): Promise<{
    items: OutageDto[];
    total: number;
  }> {
    const params = [filter.state ?? null];
    const [items, counted] = await Promise.all([
      this.dataSource.query<OutageDto[]>(
        `SELECT o.id, o.scope, CASE WHEN o.closed_at IS NULL THEN 'open' ELSE 'closed' END AS state,
                o.opened_at AS "openedAt", o.closed_at AS "closedAt", o.reason, o.evidence
         ${WHERE}
          ORDER BY o.opened_at DESC, o.id DESC
          LIMIT $2 OFFSET $3`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total ${WHERE}`, params),
    ]);
    return { items, total: counted[0]?.total ?? 0 };
  }
}
