import { timestampMs } from '@bufbuild/protobuf/wkt';
import { errorClassName, JobState, type JobStateChanged } from '@anvil/contracts';
import type { JobOutcome } from '@anvil/policy';

/** What the engine needs besides the event: the job's golden template and the queue's site. */
export interface OutcomeContext {
  readonly templateId: string;
  readonly siteId: string;
}

/**
 * The engine's view of a final job state: `completed` counts as a success, `failed` as a failure of its error
 * class, `lost` as a failure of class `unknown` (the backend lost the job: nobody knows whose fault it was).
 * Non-final states (and `cancelled`, which says nothing about the queue) give `undefined`.
 */
export function jobOutcome(event: JobStateChanged, context: OutcomeContext): JobOutcome | undefined {
  const base = {
    jobId: event.jobId,
    queueId: event.queueId,
    siteId: context.siteId,
    templateId: context.templateId,
    time: event.occurredAt === undefined ? 0 : timestampMs(event.occurredAt),
  };
  switch (event.state) {
    case JobState.COMPLETED:
      return { ...base, outcome: 'completed' };
    case JobState.FAILED:
      return { ...base, outcome: 'failed', errorClass: errorClassName(event.errorClass) ?? 'unknown' };
    case JobState.LOST:
      return { ...base, outcome: 'failed', errorClass: 'unknown' };
    case JobState.UNSPECIFIED:
    case JobState.SUBMITTED:
    case JobState.RUNNING:
    case JobState.CANCELLED:
      return undefined;
  }
}

/** Whether the decider looks at this state at all. */
export function isDecisionRelevant(state: JobState): boolean {
  return state === JobState.COMPLETED || state === JobState.FAILED || state === JobState.LOST;
}
