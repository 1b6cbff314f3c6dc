/** What one lease round (acquire or renew) found out. */
export type LeaseOutcome = { kind: 'held'; epoch: number } | { kind: 'not-held' } | { kind: 'error'; error: unknown };

export interface LeaderState {
  readonly leader: boolean;
  /** Fencing epoch of the current (or last) leadership of this replica; 0 before the first. */
  readonly epoch: number;
  /** Epoch ms after which this replica stops acting as leader unless a renewal succeeded meanwhile. */
  readonly validUntil: number;
}

export type LeaderTransition = 'became-leader' | 'lost-leadership' | 'none';

export const INITIAL_LEADER_STATE: LeaderState = { leader: false, epoch: 0, validUntil: 0 };

// The lease was set no earlier than the round started; acting only until 80% of it leaves a margin
// for a slow Redis reply and for the other replica's clock, so two leaders never overlap.
const SAFE_FRACTION = 0.8;

/**
 * The leader state machine: a held lease makes (or keeps) this replica the leader until its safe deadline;
 * anything else (lease taken by another, Redis error) ends leadership at once.
 */
export function nextLeaderState(
  state: LeaderState,
  outcome: LeaseOutcome,
  roundStartedAt: number,
  leaseMs: number,
): { state: LeaderState; transition: LeaderTransition } {
  switch (outcome.kind) {
    case 'held': {
      const next = {
        leader: true,
        epoch: outcome.epoch,
        validUntil: roundStartedAt + Math.floor(leaseMs * SAFE_FRACTION),
      };
      return { state: next, transition: state.leader && state.epoch === outcome.epoch ? 'none' : 'became-leader' };
    }
    case 'not-held':
    case 'error':
      return {
        state: { leader: false, epoch: state.epoch, validUntil: 0 },
        transition: state.leader ? 'lost-leadership' : 'none',
      };
  }
}

/** True while `state` says leader and its safe deadline has not passed. */
export function actsAsLeader(state: LeaderState, now: number): boolean {
  return state.leader && now < state.validUntil;
}
