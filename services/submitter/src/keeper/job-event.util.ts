import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { BackendJobStatus, ErrorClassName } from '@anvil/backends';
import {
  ErrorClass,
  isFinalJobState,
  jobStateFromName,
  JobStateChangedSchema,
  type JobStateChanged,
  type JobStateName,
} from '@anvil/contracts';
import type { TrackedJob } from './tracked-job.type';

export function errorClassMessage(name: ErrorClassName | undefined): ErrorClass {
  switch (name) {
    case undefined:
      return ErrorClass.UNSPECIFIED;
    case 'site':
      return ErrorClass.SITE;
    case 'central':
      return ErrorClass.CENTRAL;
    case 'workload':
      return ErrorClass.WORKLOAD;
    case 'unknown':
      return ErrorClass.UNKNOWN;
  }
}

/** Details of a state change beyond the job's identity. */
export interface JobEventDetails {
  readonly occurredAt: Date;
  /** The backend's status; its outcome fields are copied only into a final state's event. */
  readonly status?: BackendJobStatus;
  /** A message for states the submitter decides (cancelled, lost). */
  readonly errorMessage?: string;
}

/** The `anvil.job.<state>.<queueId>` message for `job` reaching `state`. */
export function jobStateEvent(
  job: TrackedJob,
  testId: string,
  submitterId: string,
  state: JobStateName,
  details: JobEventDetails,
): JobStateChanged {
  const outcome = isFinalJobState(state) ? details.status : undefined;
  return create(JobStateChangedSchema, {
    jobId: job.jobId,
    testId,
    queueId: job.queueId,
    backend: job.backend,
    backendJobId: job.backendJobId,
    state: jobStateFromName(state),
    submittedAt: timestampFromDate(job.submittedAt),
    occurredAt: timestampFromDate(details.occurredAt),
    submitterId,
    exitCode: outcome?.exitCode,
    errorClass: errorClassMessage(outcome?.errorClass),
    errorMessage: outcome?.errorMessage ?? details.errorMessage ?? '',
    wallSeconds: outcome?.wallSeconds,
    cpuSeconds: outcome?.cpuSeconds,
    maxRssKb: outcome?.maxRssKb === undefined ? undefined : BigInt(Math.round(outcome.maxRssKb)),
    events: outcome?.events === undefined ? undefined : BigInt(Math.round(outcome.events)),
    metrics: { ...(outcome?.metrics ?? {}) },
  });
}
