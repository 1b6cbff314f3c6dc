import type { WorkloadSpec } from '@anvil/backends';

/** How each queue of a test is fed. */
export interface KeeperProfile {
  /** Jobs kept waiting (submitted, not yet running) per queue. */
  readonly minQueueDepth: number;
  /** Most jobs in flight (submitted + running) per queue. */
  readonly maxRunning: number;
  /** Stress tests: jobs per queue in all; 0 means no limit. */
  readonly totalJobs: number;
}

export interface KeeperQueue {
  readonly queueId: string;
  readonly queueName: string;
  readonly siteId: string;
  readonly backend: string;
  readonly backendConfig: unknown;
  /** False for an `offline` queue: its jobs are still tracked, no new ones are submitted. */
  readonly online: boolean;
}

/** Everything a keeper needs to run one test, as owned by this submitter under `leaseEpoch`. */
export interface KeeperTest {
  readonly testId: string;
  readonly leaseEpoch: bigint;
  readonly kind: string;
  readonly endAt: Date;
  readonly profile: KeeperProfile;
  readonly workload: WorkloadSpec;
  readonly queues: readonly KeeperQueue[];
}
