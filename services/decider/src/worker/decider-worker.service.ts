import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { BUS_CONNECTION, type BusConnection } from '@anvil/bus';
import { LeaderElectionService } from '@anvil/db';
import { DECIDER_CONFIG, JOB_OUTCOMES_DURABLE, OVERRIDES_DURABLE } from '../decider.constants';
import type { DeciderConfig } from '../decider.env';
import { CheckpointService } from '../engine/checkpoint.service';
import { EngineSessionFactory } from '../engine/engine-session.factory';
import type { EngineSession } from '../engine/engine-session';
import { OutboxPublisher } from '../outbox/outbox-publisher.service';
import { JobOutcomesProcessor } from '../outcomes/job-outcomes.processor';
import { OverridesProcessor } from '../overrides/overrides.processor';
import { OrderedStreamConsumer } from '../stream/ordered-stream.consumer';
import { TickProcessor } from '../ticks/tick.processor';
import { WakeSignal } from './wake-signal';

const RETRY_MS = [500, 1_000, 2_000, 5_000, 10_000];
// While a due tick waits for the stream to drain and no message is buffered yet.
const IDLE_POLL_MS = 20;
// Long: after a crash the new leader re-reads from the committed position anyway, not from redeliveries.
const ACK_WAIT_MS = 60_000;

interface Active {
  readonly session: EngineSession;
  readonly jobs: OrderedStreamConsumer;
  readonly overrides: OrderedStreamConsumer;
}

/**
 * The leader's single worker: one thing at a time, in this order of priority — a due tick, override commands,
 * a batch of job events. On becoming leader it restores the engine from Postgres, publishes what the outbox
 * still holds and re-creates its consumers at the committed stream positions; on any failure it throws all
 * that away and starts again from Postgres, so nothing in memory ever runs ahead of a commit.
 */
@Injectable()
export class DeciderWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeciderWorker.name);
  private readonly wake = new WakeSignal();
  private active: Active | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private nextTickAt = 0;
  private ticksHeldBack = false;
  private readonly maxTickDelayMs: number;

  constructor(
    private readonly leader: LeaderElectionService,
    private readonly sessions: EngineSessionFactory,
    private readonly outbox: OutboxPublisher,
    private readonly outcomes: JobOutcomesProcessor,
    private readonly overrides: OverridesProcessor,
    private readonly ticks: TickProcessor,
    private readonly checkpoints: CheckpointService,
    @Inject(BUS_CONNECTION) private readonly bus: BusConnection,
    @Inject(DECIDER_CONFIG) private readonly config: DeciderConfig,
  ) {
    this.maxTickDelayMs = Math.max(30_000, 30 * config.tickMs);
  }

  onApplicationBootstrap(): void {
    // A leader shutting down finishes the batch in flight before its lease goes to the standby.
    this.leader.onBeforeResign(() => this.stop());
    this.leader.onTransition(() => this.wake.fire());
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async stop(): Promise<void> {
    this.stopping = true;
    this.wake.fire();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!this.leader.isLeader()) {
          await this.close('not the leader');
          await this.wake.wait(this.config.tickMs);
          continue;
        }
        if (this.active?.session.epoch !== this.leader.epoch()) {
          await this.close('new leadership');
          this.active = await this.open(this.leader.epoch());
        }
        const worked = await this.step(this.active);
        // A checkpoint starts right after a tick, or any time while ticks are held back by a backlog.
        this.checkpoints.step(this.active.session, { mayBegin: worked === 'tick' || this.ticksHeldBack });
        failures = 0;
        if (!worked) {
          const untilTick = this.nextTickAt - Date.now();
          await this.wake.wait(untilTick > 0 ? untilTick : IDLE_POLL_MS);
        }
      } catch (error) {
        const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
        failures += 1;
        this.logger.error({ err: error, retryInMs: delay }, 'decider step failed; restarting from the committed state');
        await this.close('failure');
        await this.wake.wait(delay);
      }
    }
    await this.close('shutting down');
  }

  /** Does one unit of work and says which; false when there was nothing to do. */
  private async step(active: Active): Promise<'tick' | 'overrides' | 'jobs' | false> {
    const stopped = active.jobs.failed ?? active.overrides.failed;
    if (stopped !== undefined) {
      throw new Error(`a consumer stopped: ${stopped.message}`);
    }
    if (this.outbox.hasBacklog) {
      await this.outbox.flush();
    }
    const now = Date.now();
    // Time-based work waits until the job stream is drained: ticking at the wall clock in the middle of a
    // backlog of older events would make decisions depend on when the timer fired, so a replay after a crash
    // would not decide the same. Under a backlog that never drains, a tick still runs every MAX_TICK_DELAY.
    const behind = active.jobs.waiting > 0 || active.jobs.pendingOnServer > 0;
    this.ticksHeldBack = now >= this.nextTickAt && behind;
    if (now >= this.nextTickAt && (!behind || now >= this.nextTickAt + this.maxTickDelayMs)) {
      this.nextTickAt = now + this.config.tickMs;
      const decisions = await this.ticks.tick(active.session, now);
      this.logger.debug({ decisions, ms: Date.now() - now }, 'tick');
      return 'tick';
    }
    if (active.overrides.waiting > 0) {
      await this.overrides.process(active.session, active.overrides.take());
      return 'overrides';
    }
    if (active.jobs.waiting > 0) {
      const summary = await this.outcomes.process(active.session, active.jobs.take());
      this.logger.debug({ ...summary, ms: Date.now() - now }, 'job batch decided');
      return 'jobs';
    }
    return false;
  }

  private async open(epoch: number): Promise<Active> {
    const session = await this.sessions.open(epoch);
    await this.outbox.flush();
    const wake = () => this.wake.fire();
    const jobs = new OrderedStreamConsumer(
      this.bus,
      {
        stream: 'JOBS',
        durable: JOB_OUTCOMES_DURABLE,
        filterSubject: 'anvil.job.>',
        batchSize: this.config.batchSize,
        ackWaitMs: ACK_WAIT_MS,
      },
      wake,
    );
    const overrides = new OrderedStreamConsumer(
      this.bus,
      {
        stream: 'DECISIONS',
        durable: OVERRIDES_DURABLE,
        filterSubject: 'anvil.queue.override-requested',
        batchSize: 100,
        ackWaitMs: ACK_WAIT_MS,
      },
      wake,
    );
    const active = { session, jobs, overrides };
    try {
      await jobs.start(session.jobsSeq);
      await overrides.start(session.overridesSeq);
    } catch (error) {
      await Promise.all([jobs.stop(), overrides.stop()]);
      throw error;
    }
    // The backlog first: a tick right away would run the clock ahead of events still waiting in the stream.
    this.nextTickAt = Date.now() + this.config.tickMs;
    // A fresh checkpoint right away bounds the replay of whoever comes next.
    this.checkpoints.step(session, { force: true });
    this.logger.log({ epoch, jobsFrom: session.jobsSeq + 1, overridesFrom: session.overridesSeq + 1 }, 'deciding');
    return active;
  }

  private async close(why: string): Promise<void> {
    const active = this.active;
    if (active === undefined) {
      return;
    }
    this.active = undefined;
    await Promise.all([active.jobs.stop(), active.overrides.stop()]);
    await this.checkpoints.settle();
    if (why === 'shutting down' && this.leader.isLeader()) {
      // Still the leader: a last checkpoint spares the standby a replay.
      this.checkpoints.step(active.session, { force: true });
      await this.checkpoints.settle();
    }
    this.logger.log({ epoch: active.session.epoch, why }, 'stopped deciding');
  }
}
