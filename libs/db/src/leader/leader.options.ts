/** Settings of one leader election (one lease name per service that needs a single active leader). */
export interface LeaderOptions {
  /** Lease name: the Redis keys are `<ns>:anvil:<lease>:leader` and `<ns>:anvil:<lease>:leader-epoch`. */
  readonly lease: string;
  /** This replica's identity in the lease (e.g. `ANVIL_SCHEDULER_ID`). */
  readonly replicaId: string;
  /** Lifetime of the lease; the standby takes over at most this long (plus one poll) after the leader vanished. */
  readonly leaseMs: number;
  /** How often a standby tries to take the lease (at most lease/3). */
  readonly pollMs: number;
}

/** Injection token of the `LeaderOptions` given to `LeaderModule.forRoot`. */
export const LEADER_OPTIONS = Symbol('LEADER_OPTIONS');
