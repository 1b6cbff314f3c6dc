import { Injectable } from '@nestjs/common';
import { LeaderElectionService } from '@anvil/db';
import type { EngineSession } from './engine-session';

/** This replica lost the leadership while it worked: its uncommitted work is dropped. */
export class LeadershipLostError extends Error {
  constructor(epoch: number) {
    super(`leadership (epoch ${epoch}) lost before the commit; the work is left to the new leader`);
    this.name = 'LeadershipLostError';
  }
}

/** Checked inside every transaction the leader commits: the session's leadership must still hold. */
@Injectable()
export class LeadershipGuard {
  constructor(private readonly leader: LeaderElectionService) {}

  /** Throws when this replica is no longer the leader of the session's epoch. */
  assertLeader(session: Pick<EngineSession, 'epoch'>): void {
    if (!this.leader.isLeader() || this.leader.epoch() !== session.epoch) {
      throw new LeadershipLostError(session.epoch);
    }
  }
}
