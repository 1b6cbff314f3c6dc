import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutageDto } from './dto/outage.dto';
import type { OutageState } from './outage-states.constant';

const SELECT_OUTAGES = `
  SELECT o.id, o.scope, CASE WHEN o.closed_at IS NULL THEN 'open' ELSE 'closed' END AS state,
         o.opened_at AS "openedAt", o.closed_at AS "closedAt", o.reason, o.evidence
    FROM outages o`;

const WHERE_STATE = `WHERE ($1::text IS NULL OR ($1 = 'open') = (o.closed_at IS NULL))`;

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
        `${SELECT_OUTAGES} ${WHERE_STATE} ORDER BY o.opened_at DESC, o.id DESC LIMIT $2 OFFSET $3`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM outages o ${WHERE_STATE}`, params),
    ]);
    return { items, total: counted[0]?.total ?? 0 };
  }

  /** Every open outage, latest opened first. */
  async open(): Promise<OutageDto[]> {
    return this.dataSource.query<OutageDto[]>(
      `${SELECT_OUTAGES} WHERE o.closed_at IS NULL ORDER BY o.opened_at DESC, o.id DESC`,
    );
  }

  async findById(id: string): Promise<OutageDto | undefined> {
    const rows = await this.dataSource.query<OutageDto[]>(`${SELECT_OUTAGES} WHERE o.id = $1`, [id]);
    return rows[0];
  }
}
