import type { QueueStatus } from '@anvil/db';

export interface OwnedQueueRow {
  queueId: string;
  queueName: string;
  siteId: string;
  backend: string;
  backendConfig: unknown;
  status: QueueStatus;
}

/** A running test owned by this submitter, with its template version's profile and workload, and its queues. */
export interface OwnedTestRow {
  testId: string;
  /** Postgres bigint, read as a string. */
  leaseEpoch: string;
  kind: string;
  startAt: Date;
  endAt: Date;
  /** `template_versions.submission_profile` (jsonb, unchecked). */
  profile: unknown;
  /** `template_versions.workload` (jsonb, unchecked). */
  workload: unknown;
  queues: OwnedQueueRow[];
}
