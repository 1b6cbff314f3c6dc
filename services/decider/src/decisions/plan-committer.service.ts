import { Injectable } from '@nestjs/common';
import { ActuationWorker } from '../actuators/actuation-worker.service';
import { CheckpointService } from '../engine/checkpoint.service';
import type { EngineSession } from '../engine/engine-session';
import { LeadershipGuard } from '../engine/leadership.guard';
import { OutboxPublisher } from '../outbox/outbox-publisher.service';
import type { CommitPlan } from './commit-plan';
import { DecisionMetrics } from './decision-metrics';
import { DecisionWriterRepository } from './decision-writer.repository';

export interface CommitResult {
  /** Events published by this commit. */
  readonly published: number;
  /** Whether they all reached JetStream (otherwise they wait in the outbox). */
  readonly publishedAll: boolean;
}

/**
 * Commits a plan in one transaction, only while this replica is still the leader of the session's epoch; notes
 * the queues the engine changed for the next checkpoint; then publishes the new events and wakes the
 * actuation worker.
 */
@Injectable()
export class PlanCommitter {
  constructor(
    private readonly writer: DecisionWriterRepository,
    private readonly outbox: OutboxPublisher,
    private readonly actuations: ActuationWorker,
    private readonly checkpoints: CheckpointService,
    private readonly leadership: LeadershipGuard,
    private readonly metrics: DecisionMetrics,
  ) {}

  /** `onCommitted` runs right after the commit, before publishing (the caller acks its messages there). */
  async commit(
    session: EngineSession,
    plan: CommitPlan,
    onCommitted: () => void = () => undefined,
  ): Promise<CommitResult> {
    this.noteChanges(session);
    const { fresh, journalSeq } = await this.writer.commit(plan, () => this.leadership.assertLeader(session));
    if (journalSeq !== undefined) {
      session.journalSeq = journalSeq;
    }
    onCommitted();
    this.metrics.committed(plan.decisions, fresh);
    const publishedAll = await this.outbox.publish(fresh);
    if (plan.actuations.length > 0) {
      this.actuations.notify();
    }
    return { published: fresh.length, publishedAll };
  }

  /** Moves the queues the engine changed to the session's dirty set (for the next checkpoint). */
  noteChanges(session: EngineSession): void {
    const changed = session.engine.takeChangedQueueIds();
    this.checkpoints.changed(session, changed);
    for (const queueId of changed) {
      session.dirty.add(queueId);
    }
  }
}
