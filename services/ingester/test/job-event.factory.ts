import { randomUUID } from 'node:crypto';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { JobState, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';

type EventFields = MessageInitShape<typeof JobStateChangedSchema>;

export interface TestJob {
  readonly id: string;
  readonly testId: string;
  readonly queueId: string;
  readonly submittedAt: Date;
}

/** Builds job events for tests: `job(...)` makes an identity, `.event(state, ...)` one of its events. */
export class JobEventFactory {
  constructor(
    readonly testId: string = randomUUID(),
    private readonly now: Date = new Date(),
  ) {}

  job(queueId = 'Q1', submittedMinutesAgo = 30): TestJob {
    return {
      id: randomUUID(),
      testId: this.testId,
      queueId,
      submittedAt: new Date(this.now.getTime() - submittedMinutesAgo * 60_000),
    };
  }

  event(job: TestJob, state: JobState, extra: EventFields = {}): JobStateChanged {
    const offsetMinutes = state === JobState.SUBMITTED ? 0 : state === JobState.RUNNING ? 1 : 2;
    const isFinal = state !== JobState.SUBMITTED && state !== JobState.RUNNING;
    return create(JobStateChangedSchema, {
      jobId: job.id,
      testId: job.testId,
      queueId: job.queueId,
      backend: 'sim',
      backendJobId: `sim-${job.id.slice(0, 8)}`,
      submitterId: 'submitter-1',
      state,
      submittedAt: timestampFromDate(job.submittedAt),
      occurredAt: timestampFromDate(new Date(job.submittedAt.getTime() + offsetMinutes * 60_000)),
      ...(isFinal
        ? { exitCode: state === JobState.COMPLETED ? 0 : 1, wallSeconds: 60, cpuSeconds: 30, events: 10n }
        : {}),
      ...extra,
    });
  }
}
