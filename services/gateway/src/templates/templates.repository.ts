import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TestKindName } from '@anvil/db';
import { AuditRepository } from '../audit/audit.repository';
import type { RequestContext } from '../common/request-context';
import type { AuditEntry } from '../overrides/audit-entry';
import type { TemplateVersionRefDto } from './dto/template-version-ref.dto';
import type { NewTemplate } from './new-template';
import type { TemplateContent } from './template-content';
import type { TemplateVersionRecord } from './template-version.record';
import type { TemplateRecord } from './template.record';

// The content of a version, columns named as in TemplateContent.
const CONTENT_COLUMNS = `
  v.kind, v.description, v.workload, v.queue_selector AS "queueSelector", v.submission_profile AS "submissionProfile",
  v.lifetime_seconds AS "lifetimeSeconds", v.robot, v.golden, v.policy`;

// A template joined with the content of its current version, columns named as in TemplateRecord.
const TEMPLATE_COLUMNS = `
  t.id, t.name, t.active, t.current_version AS "currentVersion", ${CONTENT_COLUMNS},
  t.created_by AS "createdBy", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;
const TEMPLATE_FROM = `
  templates t JOIN template_versions v ON v.template_id = t.id AND v.version = t.current_version`;

const FILTER = `
  ($1::boolean IS NULL OR t.active = $1)
  AND ($2::text IS NULL OR v.kind = $2)
  AND ($3::text IS NULL OR strpos(lower(t.name), lower($3)) > 0)`;

export interface TemplateFilter {
  active?: boolean;
  kind?: TestKindName;
  /** Part of the name, in any case. */
  name?: string;
  limit: number;
  offset: number;
}

/** Templates and their versions. Every write is one transaction with its `audit_log` row. */
@Injectable()
export class TemplatesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  /** Writes the template, its version 1 and the audit row. */
  async create(template: NewTemplate, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, $2, 1, $3, $4)`,
        [template.id, template.name, template.active, context.actor],
      );
      await insertVersion(manager, template.id, 1, template, context.actor);
      const details = { name: template.name, version: 1, kind: template.kind };
      await this.audit.insert(auditEntry(context, 'template.created', template.id, details), manager);
    });
  }

  /**
   * Writes the next version and makes it current. The template's row is locked first, so two new versions at
   * the same moment get consecutive numbers. Undefined when the template does not exist.
   */
  async addVersion(templateId: string, content: TemplateContent, context: RequestContext): Promise<number | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { currentVersion: number }[] = await manager.query(
        `SELECT current_version AS "currentVersion" FROM templates WHERE id = $1 FOR UPDATE`,
        [templateId],
      );
      const current = rows[0]?.currentVersion;
      if (current === undefined) {
        return undefined;
      }
      const version = current + 1;
      await insertVersion(manager, templateId, version, content, context.actor);
      await manager.query(`UPDATE templates SET current_version = $2, updated_at = now() WHERE id = $1`, [
        templateId,
        version,
      ]);
      const details = { version, kind: content.kind };
      await this.audit.insert(auditEntry(context, 'template.version-created', templateId, details), manager);
      return version;
    });
  }

  /**
   * Sets `active`; 'unchanged' when it already had that value (no write, no audit row), undefined when the
   * template does not exist.
   */
  async setActive(
    templateId: string,
    active: boolean,
    context: RequestContext,
  ): Promise<'changed' | 'unchanged' | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const [rows]: [{ id: string }[], number] = await manager.query(
        `UPDATE templates SET active = $2, updated_at = now() WHERE id = $1 AND active <> $2 RETURNING id`,
        [templateId, active],
      );
      if (rows.length === 0) {
        const found: unknown[] = await manager.query(`SELECT 1 FROM templates WHERE id = $1`, [templateId]);
        return found.length > 0 ? 'unchanged' : undefined;
      }
      const action = active ? 'template.activated' : 'template.deactivated';
      await this.audit.insert(auditEntry(context, action, templateId, {}), manager);
      return 'changed';
    });
  }

  async findById(id: string): Promise<TemplateRecord | undefined> {
    const rows: TemplateRecord[] = await this.dataSource.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATE_FROM} WHERE t.id = $1`,
      [id],
    );
    return rows[0];
  }

  /** One page of templates by name, and how many match over all pages. */
  async page(filter: TemplateFilter): Promise<{ templates: TemplateRecord[]; total: number }> {
    const params = [filter.active ?? null, filter.kind ?? null, filter.name ?? null];
    const rows: (TemplateRecord & { total: number })[] = await this.dataSource.query(
      `SELECT ${TEMPLATE_COLUMNS}, count(*) OVER ()::int AS total
         FROM ${TEMPLATE_FROM}
        WHERE ${FILTER}
        ORDER BY t.name
        LIMIT $4 OFFSET $5`,
      [...params, filter.limit, filter.offset],
    );
    const first = rows[0];
    if (first) {
      return { templates: rows.map(({ total: _total, ...template }) => template), total: first.total };
    }
    // Past the last page the window count has no row to ride on.
    const counted: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${TEMPLATE_FROM} WHERE ${FILTER}`,
      params,
    );
    return { templates: [], total: counted[0]?.total ?? 0 };
  }

  /** Every version of the template, newest first (empty when the template does not exist). */
  async versions(templateId: string): Promise<TemplateVersionRefDto[]> {
    return this.dataSource.query(
      `SELECT version, kind, created_by AS "createdBy", created_at AS "createdAt"
         FROM template_versions WHERE template_id = $1 ORDER BY version DESC`,
      [templateId],
    );
  }

  async findVersion(templateId: string, version: number): Promise<TemplateVersionRecord | undefined> {
    const rows: TemplateVersionRecord[] = await this.dataSource.query(
      `SELECT v.template_id AS "templateId", v.version, v.version = t.current_version AS current, ${CONTENT_COLUMNS},
              v.created_by AS "createdBy", v.created_at AS "createdAt"
         FROM template_versions v JOIN templates t ON t.id = v.template_id
        WHERE v.template_id = $1 AND v.version = $2`,
      [templateId, version],
    );
    return rows[0];
  }
}

async function insertVersion(
  manager: EntityManager,
  templateId: string,
  version: number,
  content: TemplateContent,
  actor: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO template_versions (template_id, version, kind, description, workload, queue_selector,
                                    submission_profile, lifetime_seconds, robot, golden, policy, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12)`,
    [
      templateId,
      version,
      content.kind,
      content.description,
      JSON.stringify(content.workload),
      JSON.stringify(content.queueSelector),
      JSON.stringify(content.submissionProfile),
      content.lifetimeSeconds,
      content.robot,
      content.golden,
      content.policy,
      actor,
    ],
  );
}

function auditEntry(
  context: RequestContext,
  action: string,
  templateId: string,
  details: Record<string, unknown>,
): AuditEntry {
  return { actor: context.actor, action, target: `template:${templateId}`, details, requestId: context.requestId };
}
