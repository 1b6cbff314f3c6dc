import { Inject, Injectable, Logger } from '@nestjs/common';
import { PolicyEngine, type GlobalSnapshot, type Policy } from '@anvil/policy';
import { JOB_OUTCOMES_DURABLE, OVERRIDES_DURABLE } from '../decider.constants';
import { ACTIVE_POLICY } from '../policy/policy.constants';
import { QueueDirectory } from '../queues/queue-directory';
import { queueProfile } from '../queues/queue-info';
import { QueueRepository } from '../queues/queue.repository';
import { asQueueSnapshots, emptyGlobalSnapshot, type EngineSession } from './engine-session';
import { EngineReplayer } from './engine-replayer';
import { EngineStateRepository } from './engine-state.repository';

/**
 * Builds an engine session from Postgres and the streams: the checkpoint, the current queue profiles, then a
 * replay of what was committed after the checkpoint. The engine is then exactly where the last leader left it.
 */
@Injectable()
export class EngineSessionFactory {
  private readonly logger = new Logger(EngineSessionFactory.name);

  constructor(
    private readonly state: EngineStateRepository,
    private readonly queues: QueueRepository,
    private readonly replayer: EngineReplayer,
    @Inject(ACTIVE_POLICY) private readonly policy: Policy,
  ) {}

  async open(epoch: number): Promise<EngineSession> {
    const startedAt = Date.now();
    const [stored, queues] = await Promise.all([this.state.load(), this.queues.all()]);
    const loadedAt = Date.now();
    const checkpoint = stored.checkpoint;
    const snapshots = asQueueSnapshots(stored.queues);
    const engine =
      checkpoint === undefined
        ? new PolicyEngine(this.policy)
        : PolicyEngine.restore(
            this.policy,
            (checkpoint.snapshot as GlobalSnapshot | undefined) ?? emptyGlobalSnapshot(this.policy),
            snapshots,
          );
    if (
      checkpoint !== undefined &&
      (checkpoint.policyName !== this.policy.name || checkpoint.policyVersion !== this.policy.version)
    ) {
      this.logger.warn(
        {
          from: `${checkpoint.policyName}@${checkpoint.policyVersion}`,
          to: `${this.policy.name}@${this.policy.version}`,
        },
        'the policy changed since the last checkpoint: continuing from its state under the new policy',
      );
    }
    const directory = new QueueDirectory(queues);
    for (const queue of queues) {
      engine.setQueue(queueProfile(queue));
    }
    const session: EngineSession = {
      epoch,
      policy: this.policy,
      engine,
      queues: directory,
      offsets: stored.offsets,
      jobsSeq: checkpoint?.jobsSeq ?? 0,
      overridesSeq: checkpoint?.overridesSeq ?? 0,
      journalSeq: stored.journal.at(-1)?.seq ?? checkpoint?.journalSeq ?? 0,
      dirty: new Set(),
      inEpisode: new Set(snapshots.filter((s) => s.episode !== null).map((s) => s.queueId)),
    };
    const replayStartedAt = Date.now();
    const replayed = await this.replayer.replay(session, stored.journal, stored.offsets.get(JOB_OUTCOMES_DURABLE) ?? 0);
    const replayMs = Date.now() - replayStartedAt;
    session.overridesSeq = Math.max(session.overridesSeq, stored.offsets.get(OVERRIDES_DURABLE) ?? 0);
    for (const queueId of engine.takeChangedQueueIds()) {
      session.dirty.add(queueId);
    }
    this.logger.log(
      {
        epoch,
        queues: queues.length,
        checkpointJobsSeq: checkpoint?.jobsSeq ?? 0,
        replayedMessages: replayed.messages,
        replayedJournal: replayed.journal,
        loadMs: loadedAt - startedAt,
        replayMs,
        replayReadMs: replayed.readMs,
        replayEngineMs: replayed.engineMs,
        jobsSeq: session.jobsSeq,
        ms: Date.now() - startedAt,
      },
      'engine state restored',
    );
    return session;
  }
}
