/** Labels on every Job Anvil creates and on its pod: they find a test's and a batch's Jobs. */
export const TEST_ID_LABEL = 'anvil.io/test-id';
export const QUEUE_ID_LABEL = 'anvil.io/queue-id';
export const JOB_ID_LABEL = 'anvil.io/job-id';

/** Annotation holding the workload's judging part (JSON), read back when the Job has finished. */
export const JUDGING_WORKLOAD_ANNOTATION = 'anvil.io/judging-workload';

/** Annotation holding `JobSpec.submittedAt` (ISO 8601), returned by `jobsOfTest` so an adopting submitter reports the same time. */
export const SUBMITTED_AT_ANNOTATION = 'anvil.io/submitted-at';

/** A Job is named `anvil-<job id>`. */
export const JOB_NAME_PREFIX = 'anvil-';

/** The name of the one container in the Job's pod. */
export const JOB_CONTAINER = 'job';

/** DNS-1123 label: what a Job name (it becomes a pod label) and a namespace must be. */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A label value: at most 63 characters, alphanumeric at both ends, `-_.` inside. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
