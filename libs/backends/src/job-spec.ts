import type { JobVariables } from './workload/job-variables';
import type { WorkloadSpec } from './workload/workload-spec';

/** One job to submit to one queue. */
export interface JobSpec {
  /** Anvil's job id (a UUID chosen by the submitter before submission). */
  readonly jobId: string;
  readonly testId: string;
  readonly queueId: string;
  /** The queue's `backend_config`; each backend validates its own shape. */
  readonly backendConfig: unknown;
  /** The template's workload, already validated (`parseWorkloadSpec`). The `sim` backend ignores it. */
  readonly workload: WorkloadSpec;
  /** Substituted into the workload (`${test.id}`, …) and exported as `ANVIL_*` environment variables. */
  readonly variables: JobVariables;
}
