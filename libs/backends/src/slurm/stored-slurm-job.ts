import type { WorkloadSpec } from '../workload/workload-spec';

/** The `job.json` of a job directory: who the job is, and the workload that judges its result. */
export interface StoredSlurmJob {
  readonly jobId: string;
  readonly testId: string;
  readonly queueId: string;
  /** `JobSpec.submittedAt` as an ISO time, returned exactly by `jobsOfTest`. */
  readonly submittedAt: string;
  readonly workload: WorkloadSpec;
}
