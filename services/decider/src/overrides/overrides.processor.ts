import { Inject, Injectable, Logger } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import type { JsMsg } from 'nats';
import { BUS_CONNECTION, type BusConnection, deadLetter, errorMessage } from '@anvil/bus';
import {
  CONTRACTS,
  overrideModeName,
  QueueOverrideRequestedSchema,
  STREAMS,
  type QueueOverrideRequested,
} from '@anvil/contracts';
import { EXTERNAL_ACTUATORS } from '../actuators/external-actuators';
import type { QueueActuator } from '../actuators/queue-actuator';
import { DECIDER_SERVICE, OVERRIDES_DURABLE } from '../decider.constants';
import { emptyPlan, type CommitPlan } from '../decisions/commit-plan';
import { overrideDecisionId } from '../decisions/deterministic-uuid.util';
import { planEngineDecisions } from '../decisions/plan-engine-decisions.util';
import { planOverride } from '../decisions/plan-override.util';
import { PlanCommitter } from '../decisions/plan-committer.service';
import { CheckpointService } from '../engine/checkpoint.service';
import { trackEpisodes, type EngineSession } from '../engine/engine-session';
import { queueProfile } from '../queues/queue-info';
import { QueueRepository } from '../queues/queue.repository';
import { applyOverride } from './apply-override.util';

/**
 * Operators' overrides (`anvil.queue.override-requested`, from the gateway), in stream order: the engine holds
 * the override (so the policy respects it: a manual exclusion is never undone automatically), and a manual
 * `override` decision, the queue's status and `anvil.queue.override.<queue>` are committed together.
 */
@Injectable()
export class OverridesProcessor {
  private readonly logger = new Logger(OverridesProcessor.name);

  constructor(
    @Inject(BUS_CONNECTION) private readonly bus: BusConnection,
    private readonly queues: QueueRepository,
    private readonly committer: PlanCommitter,
    private readonly checkpoints: CheckpointService,
    @Inject(EXTERNAL_ACTUATORS) private readonly actuators: QueueActuator[],
  ) {}

  async process(session: EngineSession, msgs: readonly JsMsg[]): Promise<void> {
    const plan = emptyPlan();
    for (const msg of msgs) {
      session.overridesSeq = msg.info.streamSequence;
      const command = await this.decode(msg);
      if (command === undefined) {
        continue;
      }
      this.checkpoints.preserve(session, [command.queueId]);
      if (!session.queues.has(command.queueId)) {
        for (const queue of session.queues.merge(await this.queues.byIds([command.queueId]))) {
          session.engine.setQueue(queueProfile(queue));
        }
      }
      if (!session.queues.has(command.queueId)) {
        await this.reject(msg, `UNKNOWN_QUEUE: queue ${command.queueId} does not exist`);
        continue;
      }
      this.apply(session, plan, command, msg.info.streamSequence);
    }
    plan.offset = { consumer: OVERRIDES_DURABLE, streamSeq: msgs[msgs.length - 1].info.streamSequence };
    await this.committer.commit(session, plan, () => msgs.forEach((msg) => msg.ack()));
  }

  private apply(session: EngineSession, plan: CommitPlan, command: QueueOverrideRequested, seq: number): void {
    const now = Date.now();
    const { mode, expiresAt, decisions } = applyOverride(session.engine, command, now);
    trackEpisodes(session, decisions);
    // Replayed after a restart at the same place among the job events, with the same clock.
    plan.journal.push({ kind: 'override', at: now, jobsSeq: session.jobsSeq, overrideSeq: seq });
    const ctx = { policy: session.policy, actuators: this.actuators };
    // The policy's own decisions first: the override's status row, computed after them, is the one that stays.
    const openedAt = new Map(session.engine.openOutages().map((o) => [o.outageId, o.openedAt]));
    planEngineDecisions(plan, decisions, {
      ...ctx,
      queue: (id) => session.queues.get(id),
      outageOpenedAt: (id) => openedAt.get(id),
    });
    const view = session.engine.queueState(command.queueId) ?? { status: 'online', excludedBy: null };
    planOverride(
      plan,
      {
        decisionId: overrideDecisionId(command.requestId),
        queueId: command.queueId,
        mode,
        reason: command.reason,
        actor: command.actor,
        expiresAt,
        requestId: command.requestId,
        now,
      },
      session.queues.get(command.queueId)!,
      view,
      ctx,
    );
    this.logger.log(
      { queueId: command.queueId, mode, actor: command.actor, requestId: command.requestId, status: view.status },
      'override applied',
    );
  }

  private async decode(msg: JsMsg): Promise<QueueOverrideRequested | undefined> {
    try {
      const command = fromBinary(QueueOverrideRequestedSchema, msg.data);
      const problems = CONTRACTS.queueOverrideRequested.check(command);
      if (problems.length === 0 && overrideModeName(command.mode) !== null) {
        return command;
      }
      await this.reject(msg, `malformed: ${problems.join('; ') || 'mode is unspecified'}`);
    } catch (error) {
      await this.reject(
        msg,
        `malformed: cannot decode ${QueueOverrideRequestedSchema.typeName}: ${errorMessage(error)}`,
      );
    }
    return undefined;
  }

  private async reject(msg: JsMsg, reason: string): Promise<void> {
    this.logger.warn({ subject: msg.subject, reason }, 'override request rejected');
    await deadLetter(
      this.bus,
      { service: DECIDER_SERVICE, stream: STREAMS.DECISIONS.name, consumer: OVERRIDES_DURABLE },
      msg,
      reason,
    );
  }
}
