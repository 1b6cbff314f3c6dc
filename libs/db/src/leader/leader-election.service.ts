import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { LeaderLeaseRepository } from './leader-lease.repository';
import { LEADER_OPTIONS, type LeaderOptions } from './leader.options';
import {
  actsAsLeader,
  INITIAL_LEADER_STATE,
  nextLeaderState,
  type LeaderState,
  type LeaseOutcome,
} from './leader-state.util';

/**
 * Keeps this replica either the one active leader or a hot standby. The leader renews its lease every
 * lease/3; the standby tries to take it at least once per poll, so it takes over within lease + one poll.
 */
@Injectable()
export class LeaderElectionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LeaderElectionService.name);
  private state: LeaderState = INITIAL_LEADER_STATE;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;
  private readonly beforeResign: (() => Promise<void>)[] = [];
  private readonly listeners: ((leader: boolean, epoch: number) => void)[] = [];

  constructor(
    private readonly lease: LeaderLeaseRepository,
    @Inject(LEADER_OPTIONS) private readonly options: LeaderOptions,
  ) {}

  /** Whether this replica may act as the leader right now. */
  isLeader(now = Date.now()): boolean {
    return actsAsLeader(this.state, now);
  }

  /** Fencing epoch of this replica's current (or last) leadership; grows with every change of leader. */
  epoch(): number {
    return this.state.epoch;
  }

  /** Work to finish (the tick in flight) before a shutting-down leader gives its lease to the standby. */
  onBeforeResign(hook: () => Promise<void>): void {
    this.beforeResign.push(hook);
  }

  /** Called on every transition: `(true, epoch)` when this replica became leader, `(false, epoch)` when it lost it. */
  onTransition(listener: (leader: boolean, epoch: number) => void): void {
    this.listeners.push(listener);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await Promise.all(this.beforeResign.map((hook) => hook()));
    if (this.state.leader) {
      this.state = { ...this.state, leader: false, validUntil: 0 };
      this.logger.log(this.context(), 'lost leadership (shutting down)');
      await this.lease.release(this.options.replicaId).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not release the leader lease; the standby takes over when it expires');
      });
    }
  }

  private context(): Record<string, unknown> {
    return { lease: this.options.lease, replicaId: this.options.replicaId, epoch: this.state.epoch };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.round = this.runRound().finally(() => {
        this.round = undefined;
        const renewEvery = Math.max(1, Math.floor(this.options.leaseMs / 3));
        this.schedule(this.state.leader ? renewEvery : Math.min(renewEvery, this.options.pollMs));
      });
    }, delayMs);
  }

  private async runRound(): Promise<void> {
    const startedAt = Date.now();
    const outcome = await this.attempt();
    const { state, transition } = nextLeaderState(this.state, outcome, startedAt, this.options.leaseMs);
    this.state = state;
    switch (transition) {
      case 'became-leader':
        this.logger.log(this.context(), 'became leader');
        this.notify(true);
        break;
      case 'lost-leadership':
        this.logger.warn(
          { ...this.context(), reason: outcome.kind === 'error' ? 'redis error' : 'lease taken or expired' },
          'lost leadership',
        );
        this.notify(false);
        break;
      case 'none':
        break;
    }
  }

  private notify(leader: boolean): void {
    for (const listener of this.listeners) {
      listener(leader, this.state.epoch);
    }
  }

  private async attempt(): Promise<LeaseOutcome> {
    const { replicaId, leaseMs } = this.options;
    try {
      const epoch = this.state.leader
        ? await this.lease.renew(replicaId, leaseMs)
        : await this.lease.acquire(replicaId, leaseMs);
      return epoch === null ? { kind: 'not-held' } : { kind: 'held', epoch };
    } catch (error) {
      this.logger.warn({ err: error }, 'leader lease round failed');
      return { kind: 'error', error };
    }
  }
}
