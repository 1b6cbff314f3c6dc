import { Inject, Injectable } from '@nestjs/common';
import type { JsMsg } from 'nats';
import { BUS_CONNECTION, deadLetter, type BusConnection } from '@anvil/bus';
import { STREAMS } from '@anvil/contracts';
import type { EngineDecision } from '@anvil/policy';
import { EXTERNAL_ACTUATORS } from '../actuators/external-actuators';
import type { QueueActuator } from '../actuators/queue-actuator';
import { DECIDER_SERVICE, JOB_OUTCOMES_DURABLE } from '../decider.constants';
import { emptyPlan } from '../decisions/commit-plan';
import { planEngineDecisions } from '../decisions/plan-engine-decisions.util';
import { PlanCommitter } from '../decisions/plan-committer.service';
import { CheckpointService } from '../engine/checkpoint.service';
import { trackEpisodes, type EngineSession } from '../engine/engine-session';
import { OutcomeReader } from './outcome-reader';

export interface BatchSummary {
  readonly messages: number;
  readonly outcomes: number;
  readonly decisions: number;
  /** Time spent in lookups and the engine, and in the commit (with publishing). */
  readonly engineMs: number;
  readonly commitMs: number;
}

/**
 * One batch of `anvil.job.>` in stream order: final states of golden-template jobs go to the engine, in order;
 * the decisions and the stream position are committed together; then the batch is acked and the events
 * published. A batch without decisions commits nothing (its position goes with the next commit). A malformed
 * message is dead-lettered (it would never decode).
 */
@Injectable()
export class JobOutcomesProcessor {
  constructor(
    @Inject(BUS_CONNECTION) private readonly bus: BusConnection,
    private readonly reader: OutcomeReader,
    private readonly committer: PlanCommitter,
    private readonly checkpoints: CheckpointService,
    @Inject(EXTERNAL_ACTUATORS) private readonly actuators: QueueActuator[],
  ) {}

  async process(session: EngineSession, msgs: readonly JsMsg[]): Promise<BatchSummary> {
    const startedAt = performance.now();
    const outcomes = await this.reader.outcomes(session, msgs, (i, problem) =>
      deadLetter(
        this.bus,
        { service: DECIDER_SERVICE, stream: STREAMS.JOBS.name, consumer: JOB_OUTCOMES_DURABLE },
        msgs[i],
        `malformed: ${problem}`,
      ),
    );
    const { engine } = session;
    this.checkpoints.preserve(session, new Set(outcomes.map((o) => o.queueId)));
    const openedAt = new Map(engine.openOutages().map((o) => [o.outageId, o.openedAt]));
    const decisions: EngineDecision[] = [];
    for (const outcome of outcomes) {
      decisions.push(...engine.observe(outcome));
    }
    trackEpisodes(session, decisions);
    const lastSeq = msgs[msgs.length - 1].info.streamSequence;
    session.jobsSeq = lastSeq;
    const decidedAt = performance.now();
    const summary = { messages: msgs.length, outcomes: outcomes.length, decisions: decisions.length };
    if (decisions.length === 0) {
      // Nothing to record: no transaction. The engine's new state is not lost: it is rebuilt from the stream
      // (the replay goes up to the position committed next, by the next decision or the next tick), so the
      // batch can be acked at once.
      msgs.forEach((msg) => msg.ack());
      session.uncommittedJobSeq = lastSeq;
      this.committer.noteChanges(session);
      return { ...summary, engineMs: Math.round(decidedAt - startedAt), commitMs: 0 };
    }
    const plan = emptyPlan();
    planEngineDecisions(plan, decisions, {
      policy: session.policy,
      queue: (id) => session.queues.get(id),
      outageOpenedAt: (id) => openedAt.get(id),
      actuators: this.actuators,
    });
    plan.offset = { consumer: JOB_OUTCOMES_DURABLE, streamSeq: lastSeq };
    await this.committer.commit(session, plan, () => msgs.forEach((msg) => msg.ack()));
    session.uncommittedJobSeq = undefined;
    return {
      ...summary,
      engineMs: Math.round(decidedAt - startedAt),
      commitMs: Math.round(performance.now() - decidedAt),
    };
  }
}
