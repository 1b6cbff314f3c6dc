import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/request-context';
import type { NewTemplate } from './new-template';
import type { TemplateRecord } from './template.record';

// A template joined with the content of its current version, columns named as in TemplateRecord.
const SELECT_TEMPLATE = `
  SELECT t.id, t.name, t.active, t.current_version AS "currentVersion", v.kind, v.description, v.workload,
         v.queue_selector AS "queueSelector", v.submission_profile AS "submissionProfile",
         v.lifetime_seconds AS "lifetimeSeconds", v.robot, v.golden, v.policy,
         t.created_by AS "createdBy", t.created_at AS "createdAt", t.updated_at AS "updatedAt"
    FROM templates t
    JOIN template_versions v ON v.template_id = t.id AND v.version = t.current_version`;

@Injectable()
export class TemplatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes the template, its version 1 and the audit row in one transaction. */
  async create(template: NewTemplate, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, $2, 1, $3, $4)`,
        [template.id, template.name, template.active, context.actor],
      );
      await manager.query(
        `INSERT INTO template_versions (template_id, version, kind, description, workload, queue_selector,
                                        submission_profile, lifetime_seconds, robot, golden, policy, created_by)
         VALUES ($1, 1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11)`,
        [
          template.id,
          template.kind,
          template.description,
          JSON.stringify(template.workload),
          JSON.stringify(template.queueSelector),
          JSON.stringify(template.submissionProfile),
          template.lifetimeSeconds,
          template.robot,
          template.golden,
          template.policy,
          context.actor,
        ],
      );
      await manager.query(
        `INSERT INTO audit_log (actor, action, target, details, request_id) VALUES ($1, $2, $3, $4::jsonb, $5)`,
        [
          context.actor,
          'template.created',
          `template:${template.id}`,
          JSON.stringify({ name: template.name, version: 1, kind: template.kind }),
          context.requestId,
        ],
      );
    });
  }

  async findById(id: string): Promise<TemplateRecord | undefined> {
    const rows: TemplateRecord[] = await this.dataSource.query(`${SELECT_TEMPLATE} WHERE t.id = $1`, [id]);
    return rows[0];
  }

  async list(filter: { active?: boolean }): Promise<TemplateRecord[]> {
    return this.dataSource.query(`${SELECT_TEMPLATE} WHERE ($1::boolean IS NULL OR t.active = $1) ORDER BY t.name`, [
      filter.active ?? null,
    ]);
  }
}
