import { Inject, Injectable, Logger } from '@nestjs/common';
import type { QueueSnapshot } from '@anvil/policy';
import { DECIDER_CONFIG } from '../decider.constants';
import type { DeciderConfig } from '../decider.env';
import { CheckpointRepository, type Checkpoint } from './checkpoint.repository';
import type { EngineSession } from './engine-session';
import { LeadershipGuard } from './leadership.guard';

/** Queues cloned per worker step while a checkpoint is being taken (a few ms). */
const CLONES_PER_STEP = 50;

interface Taking {
  readonly session: EngineSession;
  /** State at the checkpoint's moment: positions and global snapshot; queues still to clone. */
  readonly base: Omit<Checkpoint, 'queues'>;
  readonly remaining: Set<string>;
  readonly taken: { queueId: string; snapshot: QueueSnapshot }[];
  readonly startedAt: number;
}

/**
 * Checkpoints the engine every ANVIL_DECIDER_CHECKPOINT_MS (batches commit only decisions and positions:
 * writing every changed queue's state per batch would cost far more than deciding).
 *
 * A checkpoint is the engine's state at one moment between two batches, but cloning every changed queue at
 * once would stall deciding for a third of a second with a thousand busy queues. So the clones are taken
 * copy-on-write: a few per step, and a queue is cloned first whenever the worker is about to give it to the
 * engine (`preserve`; everything before a tick). If the engine changes a queue that was not preserved (a
 * side effect, e.g. an outage), the checkpoint is abandoned and taken again later. Then it is written in the
 * background while deciding goes on.
 */
@Injectable()
export class CheckpointService {
  private readonly logger = new Logger(CheckpointService.name);
  private taking: Taking | undefined;
  private writing: Promise<void> | undefined;
  private lastAt = 0;

  constructor(
    private readonly checkpoints: CheckpointRepository,
    private readonly leadership: LeadershipGuard,
    @Inject(DECIDER_CONFIG) private readonly config: DeciderConfig,
  ) {}

  /**
   * Between two steps: starts a checkpoint when one is due (or `force`d), or goes on taking one. A new one
   * starts only right after a tick (`mayBegin`): its clones are then done long before the next tick, which
   * would have to clone all that remain at once.
   */
  step(session: EngineSession, { force = false, mayBegin = true }: { force?: boolean; mayBegin?: boolean } = {}): void {
    if (this.taking?.session !== session) {
      this.taking = undefined;
    }
    if (this.taking === undefined) {
      const due = force || (mayBegin && Date.now() - this.lastAt >= this.config.checkpointMs);
      if (!due || this.writing !== undefined) {
        return;
      }
      this.begin(session);
    }
    const taking = this.taking as Taking;
    for (const queueId of [...taking.remaining].slice(0, force ? undefined : CLONES_PER_STEP)) {
      this.take(taking, queueId);
    }
    if (taking.remaining.size === 0) {
      this.write(taking);
    }
  }

  /** The worker is about to give these queues to the engine: clone them first if the checkpoint needs them. */
  preserve(session: EngineSession, queueIds: Iterable<string>): void {
    const taking = this.taking;
    if (taking?.session === session) {
      for (const queueId of queueIds) {
        if (taking.remaining.has(queueId)) {
          this.take(taking, queueId);
        }
      }
    }
  }

  /** Before an engine call that may touch any queue (a tick). */
  preserveAll(session: EngineSession): void {
    if (this.taking?.session === session) {
      this.preserve(session, [...this.taking.remaining]);
    }
  }

  /** The engine changed these queues: one not preserved yet means the checkpoint no longer matches a moment. */
  changed(session: EngineSession, queueIds: readonly string[]): void {
    const taking = this.taking;
    if (taking?.session === session && queueIds.some((id) => taking.remaining.has(id))) {
      this.taking = undefined;
      [...taking.remaining, ...taking.taken.map((t) => t.queueId)].forEach((id) => session.dirty.add(id));
      this.lastAt = 0;
      this.logger.debug('checkpoint abandoned: the engine changed a queue before it was cloned');
    }
  }

  /** Waits for the checkpoint being written, if any. */
  async settle(): Promise<void> {
    await this.writing;
  }

  private begin(session: EngineSession): void {
    this.lastAt = Date.now();
    for (const queueId of session.engine.takeChangedQueueIds()) {
      session.dirty.add(queueId);
    }
    this.taking = {
      session,
      base: {
        policyName: session.policy.name,
        policyVersion: session.policy.version,
        global: session.engine.snapshotGlobal(),
        jobsSeq: session.jobsSeq,
        overridesSeq: session.overridesSeq,
        journalSeq: session.journalSeq,
      },
      remaining: new Set(session.dirty),
      taken: [],
      startedAt: Date.now(),
    };
    session.dirty.clear();
  }

  private take(taking: Taking, queueId: string): void {
    taking.remaining.delete(queueId);
    const snapshot = taking.session.engine.snapshotQueue(queueId);
    if (snapshot !== undefined) {
      taking.taken.push({ queueId, snapshot });
    }
  }

  private write(taking: Taking): void {
    this.taking = undefined;
    const checkpoint: Checkpoint = { ...taking.base, queues: taking.taken };
    const { session } = taking;
    this.writing = this.checkpoints
      .write(checkpoint, () => this.leadership.assertLeader(session))
      .then(
        () =>
          this.logger.debug(
            { queues: checkpoint.queues.length, jobsSeq: checkpoint.jobsSeq, ms: Date.now() - taking.startedAt },
            'checkpoint written',
          ),
        (error: unknown) => {
          // The queues go into the next one; until then a restart replays from the previous checkpoint.
          checkpoint.queues.forEach((q) => session.dirty.add(q.queueId));
          this.lastAt = 0;
          this.logger.warn({ err: error }, 'checkpoint failed');
        },
      )
      .finally(() => (this.writing = undefined));
  }
}
