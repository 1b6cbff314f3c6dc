import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SiteDto } from './dto/site.dto';

interface SiteRow extends Omit<SiteDto, 'queueCounts'> {
  online: number;
  excluded: number;
  offline: number;
  total: number;
}

// Each site with its queues counted by status (a site without queues has zeros).
const SELECT_SITES = `
  SELECT s.id, s.name, s.labels, s.created_at AS "createdAt",
         count(q.id) FILTER (WHERE q.status = 'online')::int AS online,
         count(q.id) FILTER (WHERE q.status = 'excluded')::int AS excluded,
         count(q.id) FILTER (WHERE q.status = 'offline')::int AS offline,
         count(q.id)::int AS total
    FROM sites s
    LEFT JOIN queues q ON q.site_id = s.id`;

@Injectable()
export class SitesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of sites by id, and how many there are. */
  async page(page: { limit: number; offset: number }): Promise<{ items: SiteDto[]; total: number }> {
    const [rows, counted] = await Promise.all([
      this.dataSource.query<SiteRow[]>(`${SELECT_SITES} GROUP BY s.id ORDER BY s.id LIMIT $1 OFFSET $2`, [
        page.limit,
        page.offset,
      ]),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM sites`),
    ]);
    return { items: rows.map(toSiteDto), total: counted[0]?.total ?? 0 };
  }

  async findById(id: string): Promise<SiteDto | undefined> {
    const rows = await this.dataSource.query<SiteRow[]>(`${SELECT_SITES} WHERE s.id = $1 GROUP BY s.id`, [id]);
    return rows.map(toSiteDto)[0];
  }
}

function toSiteDto({ online, excluded, offline, total, ...site }: SiteRow): SiteDto {
  return { ...site, queueCounts: { online, excluded, offline, total } };
}
