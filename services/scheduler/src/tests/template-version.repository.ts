import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TemplateVersionRow } from './template-version-row.type';

/** Read access to `templates` / `template_versions`. */
@Injectable()
export class TemplateVersionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The given version of a template (0: its current version); `null` when either does not exist. */
  async find(templateId: string, version: number): Promise<TemplateVersionRow | null> {
    const rows = await this.dataSource.query<TemplateVersionRow[]>(
      `SELECT v.template_id AS "templateId", v.version, v.kind, v.robot, v.lifetime_seconds AS "lifetimeSeconds",
              v.queue_selector AS "queueSelector", v.submission_profile AS "submissionProfile", v.workload
       FROM templates t
       JOIN template_versions v ON v.template_id = t.id AND v.version = CASE WHEN $2::int = 0 THEN t.current_version ELSE $2::int END
       WHERE t.id = $1`,
      [templateId, version],
    );
    return rows[0] ?? null;
  }
}
