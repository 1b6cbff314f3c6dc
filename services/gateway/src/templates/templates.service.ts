import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context';
import { isUniqueViolation } from '../common/is-unique-violation.util';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { QueuesRepository } from '../queues/queues.repository';
import type { CreateTemplateDto } from './dto/create-template.dto';
import type { ListTemplatesQuery } from './dto/list-templates.query';
import type { TemplateDefinitionDto } from './dto/template-definition.dto';
import type { TemplateDetailDto } from './dto/template-detail.dto';
import type { TemplateDiffDto } from './dto/template-diff.dto';
import type { TemplatePageDto } from './dto/template-page.dto';
import type { TemplateVersionDto } from './dto/template-version.dto';
import { jsonChanges } from './json-changes.util';
import type { TemplateContent } from './template-content';
import { templateContent } from './template-content.util';
import { templateNotFound, templateVersionNotFound } from './template-not-found.exception';
import { templateRuleViolations } from './template-rules.util';
import { TemplatesRepository } from './templates.repository';

/** Templates and their immutable, numbered versions. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly queues: QueuesRepository,
  ) {}

  async create(input: CreateTemplateDto, context: RequestContext): Promise<TemplateDetailDto> {
    await this.check(input);
    const id = randomUUID();
    try {
      await this.templates.create(
        { id, name: input.name, active: input.active ?? true, ...templateContent(input) },
        context,
      );
    } catch (error) {
      if (isUniqueViolation(error, 'templates_name_key')) {
        throw new ApiException(
          ApiErrorCode.TemplateNameTaken,
          `a template named ${JSON.stringify(input.name)} exists`,
          [{ field: 'name', problem: 'must be unique: another template has this name' }],
        );
      }
      throw error;
    }
    return this.get(id);
  }

  /** A new version with `input` as its whole content; it becomes current. Earlier versions stay as they were. */
  async addVersion(id: string, input: TemplateDefinitionDto, context: RequestContext): Promise<TemplateVersionDto> {
    await this.check(input);
    const version = await this.templates.addVersion(id, templateContent(input), context);
    if (version === undefined) {
      throw templateNotFound(id);
    }
    return this.getVersion(id, version);
  }

  /** Sets `active`; the same value again changes nothing and writes no audit row. */
  async setActive(id: string, active: boolean, context: RequestContext): Promise<TemplateDetailDto> {
    if ((await this.templates.setActive(id, active, context)) === undefined) {
      throw templateNotFound(id);
    }
    return this.get(id);
  }

  async get(id: string): Promise<TemplateDetailDto> {
    const [template, versions] = await Promise.all([this.templates.findById(id), this.templates.versions(id)]);
    if (!template) {
      throw templateNotFound(id);
    }
    return { ...template, versions };
  }

  async list(query: ListTemplatesQuery): Promise<TemplatePageDto> {
    const { templates, total } = await this.templates.page(query);
    return { items: templates, total, limit: query.limit, offset: query.offset };
  }

  async getVersion(id: string, version: number, field = 'version'): Promise<TemplateVersionDto> {
    const found = await this.templates.findVersion(id, version);
    if (found) {
      return found;
    }
    if (!(await this.templates.findById(id))) {
      throw templateNotFound(id);
    }
    throw templateVersionNotFound(id, version, field);
  }

  /** The values that differ between the content of two versions, by JSON pointer. */
  async diff(id: string, from: number, to: number): Promise<TemplateDiffDto> {
    const before = await this.getVersion(id, from, 'from');
    const after = await this.getVersion(id, to, 'to');
    return { templateId: id, from, to, changes: jsonChanges(contentOf(before), contentOf(after)) };
  }

  /** The rules across fields, then the queue ids against the database, then whether the selector selects any. */
  private async check(input: TemplateDefinitionDto): Promise<void> {
    const violations = templateRuleViolations(input);
    if (violations.length > 0) {
      throw ApiException.validation(violations);
    }
    const queueIds = input.queueSelector.queueIds ?? [];
    const existing = await this.queues.existingIds(queueIds);
    const unknown = queueIds.flatMap((queueId, index) =>
      existing.has(queueId)
        ? []
        : [{ field: `queueSelector.queueIds[${index}]`, problem: `names no existing queue (${queueId})` }],
    );
    if (unknown.length > 0) {
      throw ApiException.validation(unknown);
    }
    if ((await this.queues.countSelected(input.queueSelector)) === 0) {
      throw ApiException.invalidField('queueSelector', 'selects no existing queue');
    }
  }
}

/** The version's content alone: what a diff compares (not who made it or when). */
function contentOf(version: TemplateVersionDto): TemplateContent {
  const { kind, description, workload, queueSelector, submissionProfile, lifetimeSeconds, robot, golden, policy } =
    version;
  return { kind, description, workload, queueSelector, submissionProfile, lifetimeSeconds, robot, golden, policy };
}
