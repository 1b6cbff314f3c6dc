/**
 * Acting on a decision: every enforced change of a queue's status goes through this one interface.
 * Implementations: the built-in queue status (the `queues` row brokers read through the API), a
 * webhook, and Slurm (a partition restricted to the test submitter). An actuator must be idempotent:
 * the same change applied twice leaves the target as after the first.
 */
export interface QueueStatusChange {
  /** Stable id of the decision that caused the change (uuid). */
  readonly decisionId: string;
  readonly queueId: string;
  readonly siteId: string;
  readonly backend: string;
  /** The queue's `backend_config` (for Slurm: `{ partition, account?, qos? }`). */
  readonly backendConfig: Readonly<Record<string, unknown>>;
  /** The status the queue must have after the change. */
  readonly status: 'online' | 'excluded';
  readonly source: 'policy' | 'guard' | 'manual';
  readonly reason: string;
  /** Epoch ms of the decision. */
  readonly decidedAt: number;
}

export interface QueueActuator {
  /** Short name used in settings (`ANVIL_DECIDER_ACTUATORS`) and logs, e.g. `webhook`. */
  readonly name: string;
  /** Whether this actuator acts on the queue at all (e.g. Slurm only on `slurm` queues). */
  handles(change: QueueStatusChange): boolean;
  /** Applies the change; throws when it could not (the caller retries with backoff). */
  apply(change: QueueStatusChange): Promise<void>;
}
