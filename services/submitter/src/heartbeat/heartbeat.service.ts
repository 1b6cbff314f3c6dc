import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ProblemLog } from '../common/problem-log';
import { SUBMITTER_CONFIG } from '../submitter-config.constant';
import type { SubmitterConfig } from '../submitter.env';
import { HeartbeatRepository } from './heartbeat.repository';

/** Tells the scheduler this submitter is alive, every `heartbeatMs`; leaves the registry on graceful shutdown. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = false;
  /** Epoch ms of the last heartbeat Redis took. */
  private lastBeatMs = 0;
  private readonly problems = new ProblemLog(this.logger);

  constructor(
    private readonly heartbeats: HeartbeatRepository,
    @Inject(SUBMITTER_CONFIG) private readonly config: SubmitterConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The first beat before the app counts as started, so the scheduler can assign right away.
    await this.beat();
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
    try {
      // Leaving at once lets the scheduler reassign our tests without waiting for the heartbeat to age.
      await this.heartbeats.remove(this.config.submitterId);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not remove the heartbeat; it will age out');
    }
  }

  /**
   * Whether our last heartbeat is recent enough that the scheduler still counts us alive
   * (ANVIL_SUBMITTER_STALE_AFTER_MS, below its ANVIL_SUBMITTER_DEAD_MS): when it is not, our tests may already
   * be another submitter's, and the keepers submit nothing until a heartbeat goes through again.
   */
  isFresh(now: number): boolean {
    return now - this.lastBeatMs < this.config.staleAfterMs;
  }

  private async beat(): Promise<void> {
    try {
      const now = Date.now();
      await this.heartbeats.beat(this.config.submitterId, now);
      this.lastBeatMs = now;
      this.problems.resolved('heartbeat', 'heartbeat restored');
    } catch (error) {
      this.problems.report(
        'heartbeat',
        { err: error },
        'heartbeat failed: the scheduler may reassign our tests',
        'error',
      );
    }
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.current = this.beat().finally(() => {
        this.current = undefined;
        this.schedule();
      });
    }, this.config.heartbeatMs);
  }
}
