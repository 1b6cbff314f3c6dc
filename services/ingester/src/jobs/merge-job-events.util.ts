import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  errorClassName,
  isFinalJobState,
  jobStateName,
  jobStateRank,
  type JobStateChanged,
  type JobStateName,
} from '@anvil/contracts';
import type { JobUpdate } from './job-update.type';

export interface MergedJobEvents {
  /** One update per job, sorted by id (the lock order of the repository). */
  readonly jobs: JobUpdate[];
  /** Events that would have moved a job backwards or sideways (e.g. `running` after `completed`). */
  readonly backwardsIgnored: number;
  /** Events repeating the state the job already had in this batch. */
  readonly duplicates: number;
}

type MutableJobUpdate = { -readonly [K in keyof JobUpdate]: JobUpdate[K] };

/**
 * Merges a batch of job events, in stream order, into one update per job. State changes are
 * monotonic by `jobStateRank`: a lower or equal rank is ignored, so the first final state wins.
 * Events are applied one after the other exactly as the repository applies batches to stored rows,
 * so the result does not depend on where the bus cut the stream into batches.
 */
export function mergeJobEvents(events: readonly JobStateChanged[]): MergedJobEvents {
  const jobs = new Map<string, MutableJobUpdate>();
  let backwardsIgnored = 0;
  let duplicates = 0;
  for (const event of events) {
    const id = event.jobId.toLowerCase();
    const current = jobs.get(id);
    if (current === undefined) {
      jobs.set(id, jobFromEvent(id, event));
      continue;
    }
    const state = jobStateName(event.state);
    if (jobStateRank(state) > jobStateRank(current.state)) {
      advance(current, state, event);
    } else if (state === current.state) {
      duplicates += 1;
    } else {
      backwardsIgnored += 1;
    }
  }
  return {
    jobs: [...jobs.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    backwardsIgnored,
    duplicates,
  };
}

function jobFromEvent(id: string, event: JobStateChanged): MutableJobUpdate {
  const job: MutableJobUpdate = {
    id,
    submittedAt: requiredDate(event, 'submittedAt'),
    testId: event.testId.toLowerCase(),
    queueId: event.queueId,
    backend: event.backend,
    backendJobId: event.backendJobId,
    submitterId: event.submitterId,
    state: 'submitted',
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    errorClass: null,
    errorMessage: null,
    wallSeconds: null,
    cpuSeconds: null,
    maxRssKb: null,
    stageInSeconds: null,
    events: null,
    metrics: {},
  };
  advance(job, jobStateName(event.state), event);
  return job;
}

function advance(job: MutableJobUpdate, state: JobStateName, event: JobStateChanged): void {
  const occurredAt = requiredDate(event, 'occurredAt');
  job.state = state;
  if (job.backendJobId === '') {
    job.backendJobId = event.backendJobId;
  }
  if (state === 'running') {
    job.startedAt = occurredAt;
  }
  if (isFinalJobState(state)) {
    job.finishedAt = occurredAt;
    job.startedAt ??= startFromWallTime(occurredAt, event.wallSeconds);
    job.exitCode = event.exitCode ?? null;
    job.errorClass = errorClassName(event.errorClass) ?? null;
    job.errorMessage = event.errorMessage === '' ? null : event.errorMessage;
    job.wallSeconds = event.wallSeconds ?? null;
    job.cpuSeconds = event.cpuSeconds ?? null;
    job.maxRssKb = event.maxRssKb ?? null;
    job.stageInSeconds = event.stageInSeconds ?? null;
    job.events = event.events ?? null;
    job.metrics = { ...event.metrics };
  }
}

// A job whose `running` event never arrived (or was too quick to be seen): its final event's wall
// time tells when it started.
function startFromWallTime(finishedAt: Date, wallSeconds: number | undefined): Date | null {
  return wallSeconds !== undefined && wallSeconds > 0 ? new Date(finishedAt.getTime() - wallSeconds * 1000) : null;
}

function requiredDate(event: JobStateChanged, field: 'submittedAt' | 'occurredAt'): Date {
  const timestamp = event[field];
  if (timestamp === undefined) {
    // The bus already rejected such messages (`CONTRACTS.jobStateChanged.check`).
    throw new Error(`job ${event.jobId}: ${field} is missing`);
  }
  return timestampDate(timestamp);
}
