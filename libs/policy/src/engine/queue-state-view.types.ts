/** What the decider and the API need to know of a queue, as the engine sees it. */
export interface QueueStateView {
  readonly status: 'online' | 'excluded';
  readonly excludedBy: 'policy' | 'guard' | 'manual' | null;
  readonly override: 'exclude' | 'online' | null;
  readonly overrideExpiresAt?: number;
  /** The backoff's n (exclusions so far, decayed); the number of the current exclusion while excluded. */
  readonly exclusionNumber: number;
  /** While excluded by the policy: no recovery before; after a recovery: no re-exclusion before. */
  readonly nextEligibleAt?: number;
  /** The open outage whose scope contains the queue. */
  readonly outageId?: string;
}

export interface OpenOutageView {
  readonly outageId: string;
  readonly scope: string;
  readonly openedAt: number;
  readonly queueIds: readonly string[];
}
