import { Injectable, Logger } from '@nestjs/common';
import { create, type MessageShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Publisher } from '@anvil/bus';
import { CONTRACTS, overrideModeFromName, QueueOverrideRequestedSchema } from '@anvil/contracts';
import { AuditRepository } from '../audit/audit.repository';
import type { RequestContext } from '../common/request-context';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { queueNotFound } from '../queues/queue-not-found.exception';
import { QueuesRepository } from '../queues/queues.repository';
import type { OverrideAcceptedDto } from './dto/override-accepted.dto';
import type { OverrideQueueDto } from './dto/override-queue.dto';
import { overrideRuleViolations } from './override-rules.util';

type OverrideCommand = MessageShape<typeof QueueOverrideRequestedSchema>;

/**
 * Manual overrides: the gateway only asks; the decider (the one writer of queue status) applies the
 * command and announces the result on `anvil.queue.override.<queueId>`.
 */
@Injectable()
export class OverridesService {
  private readonly logger = new Logger(OverridesService.name);

  constructor(
    private readonly queues: QueuesRepository,
    private readonly audit: AuditRepository,
    private readonly publisher: Publisher,
  ) {}

  /**
   * Audit row first, then the publish, in one transaction (see `AuditRepository.auditAndPublish`):
   * a failed publish leaves nothing behind and answers 503.
   */
  async request(
    queueId: string,
    input: OverrideQueueDto,
    context: RequestContext,
    now = new Date(),
  ): Promise<OverrideAcceptedDto> {
    const violations = overrideRuleViolations(input, now);
    if (violations.length > 0) {
      throw ApiException.validation(violations);
    }
    if ((await this.queues.existingIds([queueId])).size === 0) {
      throw queueNotFound(queueId);
    }
    const accepted: OverrideAcceptedDto = {
      requestId: context.commandRequestId,
      queueId,
      mode: input.mode,
      reason: input.reason ?? null,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    };
    const command = create(QueueOverrideRequestedSchema, {
      requestId: accepted.requestId,
      queueId,
      mode: overrideModeFromName(accepted.mode),
      reason: accepted.reason ?? '',
      actor: context.actor,
      expiresAt: accepted.expiresAt ? timestampFromDate(accepted.expiresAt) : undefined,
      requestedAt: timestampFromDate(now),
    });
    const audit = {
      actor: context.actor,
      action: 'queue.override-requested',
      target: `queue:${queueId}`,
      details: {
        overrideRequestId: accepted.requestId,
        mode: accepted.mode,
        reason: accepted.reason,
        expiresAt: accepted.expiresAt,
      },
      requestId: context.requestId,
    };
    await this.audit.auditAndPublish(audit, () => this.publish(command));
    return accepted;
  }

  private async publish(command: OverrideCommand): Promise<void> {
    try {
      await this.publisher.publish(CONTRACTS.queueOverrideRequested, command);
    } catch (error) {
      const cause = error instanceof Error ? `${error.name} ${error.message}` : String(error);
      this.logger.error(`override ${command.requestId} of queue ${command.queueId} not published: ${cause}`);
      throw new ApiException(
        ApiErrorCode.CommandNotPublished,
        'the override could not be sent to the decider; nothing was changed, retry later',
      );
    }
  }
}
