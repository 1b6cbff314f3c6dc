import { Injectable, Logger } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Publisher } from '@anvil/bus';
import { CONTRACTS, type TestCancelRequested, type TestRequested, isUuid, requestTestId } from '@anvil/contracts';
import { currentTraceparent } from '@anvil/telemetry';
import { TemplateVersionRepository } from '../tests/template-version.repository';
import { testMessages } from '../tests/test-messages.util';
import type { TestRow } from '../tests/test-row.type';
import { TestRepository } from '../tests/test.repository';
import { TestCommandErrorCode, TestCommandException } from './test-command.exception';

/**
 * Carries out test commands. Each is idempotent: a redelivered command finds its effect in the database and
 * publishes the event again (the bus deduplicates it by its business key), so a crash between commit and
 * publish loses nothing. A publish failure throws, so the command is redelivered.
 */
@Injectable()
export class TestCommandsService {
  private readonly logger = new Logger(TestCommandsService.name);

  constructor(
    private readonly tests: TestRepository,
    private readonly templates: TemplateVersionRepository,
    private readonly publisher: Publisher,
  ) {}

  async request(command: TestRequested): Promise<TestRow> {
    const id = requestTestId(command.requestId);
    const existing = await this.tests.findById(id);
    if (existing !== null) {
      await this.publisher.publish(CONTRACTS.testScheduled, testMessages.scheduled(existing));
      return existing;
    }
    // The contract check guarantees both timestamps.
    const startAt = timestampDate(command.startAt!);
    const endAt = timestampDate(command.endAt!);
    if (endAt.getTime() <= startAt.getTime()) {
      throw new TestCommandException(TestCommandErrorCode.EmptyWindow, 'end_at must be after start_at');
    }
    if (endAt.getTime() <= Date.now()) {
      throw new TestCommandException(TestCommandErrorCode.WindowOver, `end_at ${endAt.toISOString()} has passed`);
    }
    const version = isUuid(command.templateId)
      ? await this.templates.find(command.templateId, command.templateVersion)
      : null;
    if (version === null) {
      throw new TestCommandException(
        TestCommandErrorCode.UnknownTemplate,
        `unknown template ${command.templateId} version ${command.templateVersion || 'current'}`,
      );
    }
    const created = await this.tests.create({
      id,
      templateId: version.templateId,
      templateVersion: version.version,
      kind: version.kind,
      // Only the robot's own tests are robot tests; a requested one runs beside them.
      robot: false,
      startAt,
      end: { at: endAt },
      predecessorId: null,
      createdBy: command.requestedBy || 'api',
      selector: version.queueSelector,
      // The command's trace (the gateway request's): the assignment, published later by the tick, joins it.
      traceParent: currentTraceparent(),
    });
    // null: the other replica handled a redelivery of the same command at the same moment.
    const test = created?.test ?? (await this.tests.findById(id));
    if (test === null) {
      throw new Error(`test ${id} neither created nor found`);
    }
    if (created !== null) {
      this.logger.log(
        { testId: test.id, requestId: command.requestId, templateId: test.templateId, queues: created.queueIds.length },
        'test scheduled on request',
      );
    }
    await this.publisher.publish(CONTRACTS.testScheduled, testMessages.scheduled(test));
    return test;
  }

  /** scheduled/running → cancelled; a final test stays as it is. Returns the test's state afterwards. */
  async cancel(command: TestCancelRequested): Promise<TestRow> {
    const cancelledBy = command.requestedBy || 'api';
    const cancelled = isUuid(command.testId)
      ? await this.tests.cancel(command.testId, command.reason || `cancelled by ${cancelledBy}`)
      : null;
    if (cancelled !== null) {
      this.logger.log({ testId: cancelled.id, cancelledBy, reason: cancelled.reason }, 'test cancelled');
      await this.publisher.publish(CONTRACTS.testCancelled, testMessages.cancelled(cancelled, cancelledBy));
      return cancelled;
    }
    const existing = isUuid(command.testId) ? await this.tests.findById(command.testId) : null;
    if (existing === null) {
      throw new TestCommandException(TestCommandErrorCode.UnknownTest, `unknown test ${command.testId}`);
    }
    if (existing.state === 'cancelled') {
      // Possibly our own earlier attempt that committed but did not publish.
      await this.publisher.publish(CONTRACTS.testCancelled, testMessages.cancelled(existing, cancelledBy));
    } else {
      this.logger.log({ testId: existing.id, state: existing.state }, 'cancel of a finished test ignored');
    }
    return existing;
  }
}
