import { actsAsLeader, INITIAL_LEADER_STATE, nextLeaderState } from './leader-state.util';

describe('nextLeaderState', () => {
  const leaseMs = 10_000;

  it('becomes leader until 80% of the lease when a standby acquires the lease', () => {
    const { state, transition } = nextLeaderState(INITIAL_LEADER_STATE, { kind: 'held', epoch: 7 }, 1_000, leaseMs);
    expect(transition).toBe('became-leader');
    expect(state).toEqual({ leader: true, epoch: 7, validUntil: 9_000 });
  });

  it('stays leader without a transition and moves the deadline when the lease is renewed', () => {
    const leader = { leader: true, epoch: 7, validUntil: 9_000 };
    const { state, transition } = nextLeaderState(leader, { kind: 'held', epoch: 7 }, 4_000, leaseMs);
    expect(transition).toBe('none');
    expect(state.validUntil).toBe(12_000);
  });

  it('reports a new leadership when the epoch changed between two held rounds', () => {
    const leader = { leader: true, epoch: 7, validUntil: 9_000 };
    expect(nextLeaderState(leader, { kind: 'held', epoch: 9 }, 4_000, leaseMs).transition).toBe('became-leader');
  });

  it('loses leadership at once when the renewal finds the lease taken', () => {
    const leader = { leader: true, epoch: 7, validUntil: 9_000 };
    const { state, transition } = nextLeaderState(leader, { kind: 'not-held' }, 4_000, leaseMs);
    expect(transition).toBe('lost-leadership');
    expect(state).toEqual({ leader: false, epoch: 7, validUntil: 0 });
  });

  it('loses leadership at once when Redis fails', () => {
    const leader = { leader: true, epoch: 7, validUntil: 9_000 };
    const { state, transition } = nextLeaderState(leader, { kind: 'error', error: new Error('down') }, 4_000, leaseMs);
    expect(transition).toBe('lost-leadership');
    expect(state.leader).toBe(false);
  });

  it('stays standby without a transition when the lease is held by another', () => {
    const { state, transition } = nextLeaderState(INITIAL_LEADER_STATE, { kind: 'not-held' }, 4_000, leaseMs);
    expect(transition).toBe('none');
    expect(state).toEqual(INITIAL_LEADER_STATE);
  });
});

describe('actsAsLeader', () => {
  it('is true before the safe deadline when leader', () => {
    expect(actsAsLeader({ leader: true, epoch: 1, validUntil: 9_000 }, 8_999)).toBe(true);
  });

  it('is false from the safe deadline on when no renewal came back', () => {
    expect(actsAsLeader({ leader: true, epoch: 1, validUntil: 9_000 }, 9_000)).toBe(false);
  });

  it('is false when standby', () => {
    expect(actsAsLeader(INITIAL_LEADER_STATE, 0)).toBe(false);
  });
});
