import type { SubmissionProfileDoc, TestKindName, WorkloadDoc } from '@anvil/db';

export interface AssignedQueueRow {
  queueId: string;
  siteId: string;
  backend: string;
  backendConfig: unknown;
}

/** A test just (re)assigned, with everything its submitter needs to run it. */
export interface AssignmentRow {
  testId: string;
  submitterId: string;
  /** Postgres bigint, read as a string. */
  leaseEpoch: string;
  kind: TestKindName;
  endAt: Date;
  profile: SubmissionProfileDoc;
  workload: WorkloadDoc;
  queues: AssignedQueueRow[];
  /** W3C traceparent of the request that created the test, if any: its assignment is published in that trace. */
  traceParent: string | null;
}
