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

  private async beat(): Promise<void> {
    try {
      await this.heartbeats.beat(this.config.submitterId, Date.now());
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
