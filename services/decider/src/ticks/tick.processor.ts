import { Inject, Injectable, Logger } from '@nestjs/common';
import { EXTERNAL_ACTUATORS } from '../actuators/external-actuators';
import { JOB_OUTCOMES_DURABLE } from '../decider.constants';
import type { QueueActuator } from '../actuators/queue-actuator';
import { emptyPlan } from '../decisions/commit-plan';
import { deterministicUuid } from '../decisions/deterministic-uuid.util';
import { planEngineDecisions } from '../decisions/plan-engine-decisions.util';
import { planOverride } from '../decisions/plan-override.util';
import { PlanCommitter } from '../decisions/plan-committer.service';
import { CheckpointService } from '../engine/checkpoint.service';
import { trackEpisodes, type EngineSession } from '../engine/engine-session';
import { OutboxRepository } from '../outbox/outbox.repository';
import { queueProfile } from '../queues/queue-info';
import { QueueRepository } from '../queues/queue.repository';

const PROFILE_REFRESH_MS = 15_000;
const OUTBOX_PRUNE_MS = 3_600_000;
const OUTBOX_RETENTION_MS = 24 * 3_600_000;

/**
 * The engine's timer: time-based recovery, outage close, override expiry (recorded as a manual `clear` by
 * `expiry`). Also refreshes queue profiles (protected, auto-exclusion, labels) from `queues` now and then.
 */
@Injectable()
export class TickProcessor {
  private readonly logger = new Logger(TickProcessor.name);
  private profilesRefreshedAt = 0;
  private outboxPrunedAt = 0;

  constructor(
    private readonly queues: QueueRepository,
    private readonly outbox: OutboxRepository,
    private readonly committer: PlanCommitter,
    private readonly checkpoints: CheckpointService,
    @Inject(EXTERNAL_ACTUATORS) private readonly actuators: QueueActuator[],
  ) {}

  async tick(session: EngineSession, now: number): Promise<number> {
    const { engine } = session;
    // A tick may touch every queue: a checkpoint being taken clones the rest first.
    this.checkpoints.preserveAll(session);
    await this.housekeeping(session, now);
    const expiring = session.queues.ids().flatMap((queueId) => {
      const state = engine.queueState(queueId);
      const lapses = state?.override && state.overrideExpiresAt !== undefined && state.overrideExpiresAt <= now;
      return lapses ? [{ queueId, mode: state.override, expiresAt: state.overrideExpiresAt }] : [];
    });
    const openedAt = new Map(engine.openOutages().map((o) => [o.outageId, o.openedAt]));
    const decisions = engine.tick(now);
    // The tick re-evaluated every queue in an episode, which may change it without a decision.
    session.inEpisode.forEach((queueId) => session.dirty.add(queueId));
    trackEpisodes(session, decisions);
    const plan = emptyPlan();
    // Replayed after a restart at the same place among the job events, with the same clock.
    plan.journal.push({ kind: 'tick', at: now, jobsSeq: session.jobsSeq });
    const ctx = { policy: session.policy, actuators: this.actuators };
    planEngineDecisions(plan, decisions, {
      ...ctx,
      queue: (id) => session.queues.get(id),
      outageOpenedAt: (id) => openedAt.get(id),
    });
    for (const lapsed of expiring) {
      const view = engine.queueState(lapsed.queueId);
      const info = session.queues.get(lapsed.queueId);
      if (view === undefined || view.override !== null || info === undefined) {
        continue;
      }
      planOverride(
        plan,
        {
          decisionId: deterministicUuid(`override-expiry:${lapsed.queueId}:${lapsed.mode}:${lapsed.expiresAt}`),
          queueId: lapsed.queueId,
          mode: 'clear',
          reason: `manual ${lapsed.mode} override expired`,
          actor: 'expiry',
          now,
        },
        info,
        view,
        ctx,
      );
    }
    const skipped = session.uncommittedJobSeq;
    if (skipped !== undefined) {
      plan.offset = { consumer: JOB_OUTCOMES_DURABLE, streamSeq: skipped };
    }
    // Every tick is journaled (a replay must see the same clock at the same place), even one that changed nothing.
    await this.committer.commit(session, plan);
    session.uncommittedJobSeq = undefined;
    return decisions.length;
  }

  private async housekeeping(session: EngineSession, now: number): Promise<void> {
    if (now - this.profilesRefreshedAt >= PROFILE_REFRESH_MS) {
      this.profilesRefreshedAt = now;
      const changed = session.queues.merge(await this.queues.all());
      for (const queue of changed) {
        session.engine.setQueue(queueProfile(queue));
      }
      if (changed.length > 0) {
        this.logger.log({ queues: changed.length }, 'queue profiles updated');
      }
    }
    if (now - this.outboxPrunedAt >= OUTBOX_PRUNE_MS) {
      this.outboxPrunedAt = now;
      await this.outbox.prune(OUTBOX_RETENTION_MS);
    }
  }
}
