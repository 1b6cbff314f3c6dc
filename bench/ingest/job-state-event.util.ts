import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { ErrorClass, JobState, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';
import type { ErrorClassName } from '@anvil/db';
import type { JobProfile, PlannedJobEvent } from './job-event-mix.util';

/** Ids of the seeded grid and of the jobs, indexed as the mix numbers them. */
export interface JobEventIds {
  readonly jobIds: readonly string[];
  readonly testIds: readonly string[];
  readonly queueIds: readonly string[];
}

const ERROR_CLASS: Readonly<Record<ErrorClassName, ErrorClass>> = {
  site: ErrorClass.SITE,
  central: ErrorClass.CENTRAL,
  workload: ErrorClass.WORKLOAD,
  unknown: ErrorClass.UNKNOWN,
};

/**
 * The `JobStateChanged` a submitter would send for `planned`: `occurred_at` is `occurredAtMs` (the moment it is
 * published, so commit lag can be read from `jobs`), `submitted_at` the moment the job's `submitted` was published.
 */
export function jobStateEvent(
  planned: PlannedJobEvent,
  profile: JobProfile,
  ids: JobEventIds,
  submittedAtMs: number,
  occurredAtMs: number,
): JobStateChanged {
  const jobId = ids.jobIds[planned.job];
  const identity = {
    jobId,
    testId: ids.testIds[profile.test],
    queueId: ids.queueIds[profile.queue],
    backend: 'sim',
    backendJobId: `sim-${jobId.slice(0, 8)}`,
    submitterId: 'bench-submitter',
    submittedAt: timestampFromMs(submittedAtMs),
    occurredAt: timestampFromMs(occurredAtMs),
  };
  switch (planned.phase) {
    case 'submitted':
      return create(JobStateChangedSchema, { ...identity, state: JobState.SUBMITTED });
    case 'running':
      return create(JobStateChangedSchema, { ...identity, state: JobState.RUNNING });
    case 'final':
      return create(JobStateChangedSchema, {
        ...identity,
        state: profile.failed ? JobState.FAILED : JobState.COMPLETED,
        exitCode: profile.exitCode,
        errorClass: profile.errorClass === null ? ErrorClass.UNSPECIFIED : ERROR_CLASS[profile.errorClass],
        errorMessage: profile.failed ? `exit code ${profile.exitCode}` : '',
        wallSeconds: profile.wallSeconds,
        cpuSeconds: profile.cpuSeconds,
        maxRssKb: BigInt(200_000 + (profile.exitCode % 7) * 100_000),
        stageInSeconds: 3.5,
        events: BigInt(profile.events),
        metrics: { events_per_second: profile.events / profile.wallSeconds },
      });
  }
}
