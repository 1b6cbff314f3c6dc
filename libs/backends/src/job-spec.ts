import type { JobVariables } from './workload/job-variables';
import type { WorkloadSpec } from './workload/workload-spec';

/** One job to submit to one queue. */
export interface JobSpec {
  /** Anvil's job id (a UUID chosen by the submitter before submission). */
  readonly jobId: string;
  readonly testId: string;
  readonly queueId: string;
  /**
   * The submission time Anvil records for the job (part of the key of `jobs`). Backends keep it with the job
   * and return it from `jobsOfTest`, so a submitter adopting the job reports exactly the same time.
   */
  readonly submittedAt: Date;
  /** The queue's `backend_config`; each backend validates its own shape. */
  readonly backendConfig: unknown;
  /** The template's workload, already validated (`parseWorkloadSpec`). The `sim` backend ignores it. */
  readonly workload: WorkloadSpec;
  /** Substituted into the workload (`${test.id}`, …) and exported as `ANVIL_*` environment variables. */
  readonly variables: JobVariables;
}
