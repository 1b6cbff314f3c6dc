import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context';
import { isUniqueViolation } from '../common/is-unique-violation.util';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { QueuesRepository } from '../queues/queues.repository';
import type { CreateTemplateDto } from './dto/create-template.dto';
import type { TemplateDto } from './dto/template.dto';
import type { NewTemplate } from './new-template';
import { templateRuleViolations } from './template-rules.util';
import { TemplatesRepository } from './templates.repository';

@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly queues: QueuesRepository,
  ) {}

  async create(input: CreateTemplateDto, context: RequestContext): Promise<TemplateDto> {
    const violations = templateRuleViolations(input);
    if (violations.length > 0) {
      throw ApiException.validation(violations);
    }
    await this.checkSelector(input);
    const template = toNewTemplate(input);
    try {
      await this.templates.create(template, context);
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
    return this.get(template.id);
  }

  async get(id: string): Promise<TemplateDto> {
    const template = await this.templates.findById(id);
    if (!template) {
      throw new ApiException(ApiErrorCode.TemplateNotFound, `template ${id} does not exist`);
    }
    return template;
  }

  async list(filter: { active?: boolean }): Promise<TemplateDto[]> {
    return this.templates.list(filter);
  }

  /** Every listed queue must exist, and the selector must select at least one queue. */
  private async checkSelector(input: CreateTemplateDto): Promise<void> {
    const queueIds = input.queueSelector.queueIds ?? [];
    const existing = await this.queues.existingIds(queueIds);
    const unknown = queueIds.flatMap((id, index) =>
      existing.has(id)
        ? []
        : [{ field: `queueSelector.queueIds[${index}]`, problem: `names no existing queue (${id})` }],
    );
    if (unknown.length > 0) {
      throw ApiException.validation(unknown);
    }
    if ((await this.queues.countSelected(input.queueSelector)) === 0) {
      throw ApiException.invalidField('queueSelector', 'selects no existing queue');
    }
  }
}

function toNewTemplate(input: CreateTemplateDto): NewTemplate {
  const { workload, queueSelector, submissionProfile } = input;
  return {
    id: randomUUID(),
    name: input.name,
    active: input.active ?? true,
    kind: input.kind,
    description: input.description ?? '',
    // Stored as plain documents (the DTO instances carry no extra state, but JSON should hold only data).
    workload,
    queueSelector: { queueIds: queueSelector.queueIds, labels: queueSelector.labels, backend: queueSelector.backend },
    submissionProfile: {
      minQueueDepth: submissionProfile.minQueueDepth,
      maxRunning: submissionProfile.maxRunning,
      totalJobs: submissionProfile.totalJobs,
      resubmit: submissionProfile.resubmit,
      steps: submissionProfile.steps?.map((step) => ({ afterSeconds: step.afterSeconds, maxRunning: step.maxRunning })),
      ramp: submissionProfile.ramp,
    },
    lifetimeSeconds: input.lifetimeSeconds,
    robot: input.robot ?? input.kind === 'functional',
    golden: input.golden ?? false,
    policy: input.policy ?? null,
  };
}
