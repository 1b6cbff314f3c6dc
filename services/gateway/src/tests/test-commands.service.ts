import { Injectable, Logger } from '@nestjs/common';
import { create, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Publisher } from '@anvil/bus';
import {
  type Contract,
  CONTRACTS,
  requestTestId,
  TestCancelRequestedSchema,
  TestRequestedSchema,
} from '@anvil/contracts';
import { AuditRepository } from '../audit/audit.repository';
import type { RequestContext } from '../common/request-context';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import type { AuditEntry } from '../overrides/audit-entry';
import { templateNotFound, templateVersionNotFound } from '../templates/template-not-found.exception';
import { TemplatesRepository } from '../templates/templates.repository';
import type { CancelTestQuery } from './dto/cancel-test.query';
import type { CreateTestDto } from './dto/create-test.dto';
import type { TestCancelAcceptedDto } from './dto/test-cancel-accepted.dto';
import type { TestRequestedDto } from './dto/test-requested.dto';
import { testWindow } from './test-window.util';
import { TestsRepository } from './tests.repository';

/**
 * Test creation and cancellation. The gateway only asks: the scheduler (the one writer of `tests`) carries out
 * `anvil.test.requested` and `anvil.test.cancel-requested`. Each command is published in the transaction of its
 * audit row, so a failed publish leaves nothing behind and answers 503.
 */
@Injectable()
export class TestCommandsService {
  private readonly logger = new Logger(TestCommandsService.name);

  constructor(
    private readonly templates: TemplatesRepository,
    private readonly tests: TestsRepository,
    private readonly audit: AuditRepository,
    private readonly publisher: Publisher,
  ) {}

  /**
   * Checks the request against the template (it exists and is active, the version exists and is not functional)
   * and the clock, then asks the scheduler. The test's id is known now: the scheduler derives it from the request
   * id (`requestTestId`).
   */
  async request(input: CreateTestDto, context: RequestContext, now = new Date()): Promise<TestRequestedDto> {
    const templateId = input.templateId.toLowerCase();
    const template = await this.templates.findById(templateId);
    if (!template) {
      throw templateNotFound(templateId, 'templateId');
    }
    if (!template.active) {
      throw new ApiException(ApiErrorCode.TemplateInactive, `template ${template.name} is inactive`, [
        { field: 'templateId', problem: 'names an inactive template: activate it first' },
      ]);
    }
    const version = await this.templates.findVersion(templateId, input.version ?? template.currentVersion);
    if (!version) {
      throw templateVersionNotFound(templateId, input.version ?? template.currentVersion, 'version');
    }
    if (version.kind === 'functional') {
      // The robot runs functional templates, one test at a time; a second one beside it would double its jobs.
      throw ApiException.invalidField(
        input.version === undefined ? 'templateId' : 'version',
        'must be a stress or benchmark template version: the robot runs functional ones',
      );
    }
    const result = testWindow(input, version.lifetimeSeconds, now);
    if ('violations' in result) {
      throw ApiException.validation(result.violations);
    }
    const requestId = context.commandRequestId;
    const requested: TestRequestedDto = {
      id: requestTestId(requestId),
      requestId,
      template: { id: templateId, name: template.name, version: version.version },
      kind: version.kind,
      ...result.window,
    };
    const command = create(TestRequestedSchema, {
      requestId,
      templateId,
      templateVersion: version.version,
      startAt: timestampFromDate(requested.startAt),
      endAt: timestampFromDate(requested.endAt),
      requestedBy: context.actor,
    });
    const audit = this.auditEntry(context, 'test.requested', requested.id, {
      requestId,
      templateId,
      version: version.version,
      kind: version.kind,
      startAt: requested.startAt,
      endAt: requested.endAt,
    });
    await this.audit.auditAndPublish(audit, () => this.publish(CONTRACTS.testRequested, command));
    return requested;
  }

  /**
   * Asks the scheduler to cancel a scheduled or running test. A test already cancelled is answered as it is
   * (nothing is sent); a completed one, or one that ended in error, is a 409.
   */
  async cancel(id: string, input: CancelTestQuery, context: RequestContext): Promise<TestCancelAcceptedDto> {
    const test = await this.tests.findById(id);
    if (!test) {
      throw new ApiException(ApiErrorCode.TestNotFound, `test ${id} does not exist`);
    }
    switch (test.state) {
      case 'cancelled':
        return { id, state: test.state };
      case 'completed':
      case 'error':
        throw new ApiException(ApiErrorCode.TestFinished, `test ${id} is ${test.state}: it cannot be cancelled`);
      case 'scheduled':
      case 'running':
        break;
    }
    const command = create(TestCancelRequestedSchema, {
      testId: id,
      reason: input.reason ?? '',
      requestedBy: context.actor,
    });
    const audit = this.auditEntry(context, 'test.cancel-requested', id, { reason: input.reason ?? null });
    await this.audit.auditAndPublish(audit, () => this.publish(CONTRACTS.testCancelRequested, command));
    return { id, state: test.state };
  }

  private auditEntry(
    context: RequestContext,
    action: string,
    testId: string,
    details: Record<string, unknown>,
  ): AuditEntry {
    return { actor: context.actor, action, target: `test:${testId}`, details, requestId: context.requestId };
  }

  /** Publishes a command; a bus that does not take it is a 503 (the caller's transaction is rolled back). */
  private async publish<TDesc extends DescMessage>(
    contract: Contract<TDesc>,
    command: MessageShape<TDesc>,
  ): Promise<void> {
    try {
      await this.publisher.publish(contract, command);
    } catch (error) {
      const cause = error instanceof Error ? `${error.name} ${error.message}` : String(error);
      this.logger.error(`${contract.name} command not published: ${cause}`);
      throw new ApiException(
        ApiErrorCode.CommandNotPublished,
        'the command could not be sent to the scheduler; nothing was changed, retry later',
      );
    }
  }
}
