import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import type { Publisher } from '@anvil/bus';
import { CONTRACTS, ErrorClass, JobState, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';

export type Outcome = 'completed' | 'failed' | 'lost' | 'cancelled' | 'submitted' | 'running';

const STATES: Record<Outcome, JobState> = {
  submitted: JobState.SUBMITTED,
  running: JobState.RUNNING,
  completed: JobState.COMPLETED,
  failed: JobState.FAILED,
  cancelled: JobState.CANCELLED,
  lost: JobState.LOST,
};

export interface JobEventSpec {
  readonly testId: string;
  readonly queueId: string;
  readonly outcome: Outcome;
  /** Epoch ms the state was reached. */
  readonly at: number;
  readonly errorClass?: ErrorClass;
  readonly jobId?: string;
}

/** A job state event as a submitter publishes it. */
export function jobEvent(spec: JobEventSpec): JobStateChanged {
  const failed = spec.outcome === 'failed';
  return create(JobStateChangedSchema, {
    jobId: spec.jobId ?? randomUUID(),
    testId: spec.testId,
    queueId: spec.queueId,
    backend: 'sim',
    backendJobId: 'sim-1',
    submitterId: 'submitter-1',
    state: STATES[spec.outcome],
    submittedAt: timestampFromMs(spec.at - 120_000),
    occurredAt: timestampFromMs(spec.at),
    errorClass: failed ? (spec.errorClass ?? ErrorClass.SITE) : ErrorClass.UNSPECIFIED,
    ...(failed ? { exitCode: 1, errorMessage: 'boom' } : {}),
  });
}

/** Publishes in order, one after the other, so the stream holds them exactly in this order. */
export async function publishInOrder(publisher: Publisher, events: readonly JobStateChanged[]): Promise<void> {
  for (const event of events) {
    await publisher.publish(CONTRACTS.jobStateChanged, event);
  }
}
