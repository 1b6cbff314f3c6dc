import type { WorkloadSpec } from '@anvil/backends';

/** From `afterSeconds` after the test's start, at most `maxRunning` jobs in flight per queue. */
export interface ProfileStep {
  readonly afterSeconds: number;
  readonly maxRunning: number;
}

/** How each queue of a test is fed. */
export interface KeeperProfile {
  /** Jobs kept waiting (submitted, not yet running) per queue. */
  readonly minQueueDepth: number;
  /** Most jobs in flight (submitted + running) per queue; the steps change it over time. */
  readonly maxRunning: number;
  /** Stress tests: jobs per queue in all; 0 means no limit. */
  readonly totalJobs: number;
  /** Jobs that end are replaced (true), or each queue gets its first batch only (false). */
  readonly resubmit: boolean;
  /** Stress tests: a load profile over time, by ascending `afterSeconds`; empty: `maxRunning` throughout. */
  readonly steps: readonly ProfileStep[];
  /** `step`: each step holds until the next; `linear`: the limit ramps between steps. */
  readonly ramp: 'step' | 'linear';
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
  readonly startAt: Date;
  readonly endAt: Date;
  readonly profile: KeeperProfile;
  readonly workload: WorkloadSpec;
  readonly queues: readonly KeeperQueue[];
}
