import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LeaderElectionService } from '@anvil/db';
import { DECIDER_CONFIG } from '../decider.constants';
import type { DeciderConfig } from '../decider.env';
import { ActuationRepository, type DueActuation } from './actuation.repository';
import { EXTERNAL_ACTUATORS } from './external-actuators';
import type { QueueActuator } from './queue-actuator';
import { errorMessage } from '@anvil/bus';

const POLL_MS = 1000;
const PAGE = 50;
const BACKOFF_MS = [1_000, 5_000, 15_000, 60_000, 300_000, 600_000];

/**
 * Applies enforced status changes through the external actuators, on the leader only, after the decisions
 * were committed: retried with backoff, logged when they fail, never holding up a decision.
 */
@Injectable()
export class ActuationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActuationWorker.name);
  private readonly byName: Map<string, QueueActuator>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly actuations: ActuationRepository,
    private readonly leader: LeaderElectionService,
    @Inject(EXTERNAL_ACTUATORS) actuators: QueueActuator[],
    @Inject(DECIDER_CONFIG) private readonly config: DeciderConfig,
  ) {
    this.byName = new Map(actuators.map((a) => [a.name, a]));
  }

  onApplicationBootstrap(): void {
    if (this.byName.size > 0) {
      this.schedule(POLL_MS);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** New actuations were committed: look now rather than at the next poll. */
  notify(): void {
    if (this.byName.size > 0 && this.running === undefined && !this.stopped) {
      this.schedule(0);
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.running = this.round()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'actuation round failed'))
        .finally(() => {
          this.running = undefined;
          this.schedule(POLL_MS);
        });
    }, delayMs);
  }

  private async round(): Promise<void> {
    if (!this.leader.isLeader()) {
      return;
    }
    const due = await this.actuations.due(PAGE);
    await Promise.all(due.map((a) => this.apply(a)));
  }

  private async apply(a: DueActuation): Promise<void> {
    const actuator = this.byName.get(a.actuator);
    const context = {
      decisionId: a.decisionId,
      queueId: a.change.queueId,
      actuator: a.actuator,
      attempt: a.attempts + 1,
    };
    if (actuator === undefined) {
      await this.actuations.failed(a, `actuator ${a.actuator} is not enabled`, 0, true);
      this.logger.error(context, 'actuation dropped: its actuator is not enabled any more');
      return;
    }
    try {
      await actuator.apply(a.change);
      await this.actuations.done(a);
      this.logger.log({ ...context, status: a.change.status }, 'actuation applied');
    } catch (error) {
      const giveUp = a.attempts + 1 >= this.config.actuationAttempts;
      const delayMs = BACKOFF_MS[Math.min(a.attempts, BACKOFF_MS.length - 1)];
      await this.actuations.failed(a, errorMessage(error), delayMs, giveUp);
      if (giveUp) {
        this.logger.error({ ...context, err: error }, 'actuation failed for good; the queue status stays as decided');
      } else {
        this.logger.warn({ ...context, err: error, retryInMs: delayMs }, 'actuation failed, will retry');
      }
    }
  }
}
