import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { JOB_STATE_NAMES, jobStateName, type JobStateChanged, isUuid } from '@anvil/contracts';

// `jobs.id` and `jobs.test_id` are uuid columns; anything else would fail the whole batch's SQL.
// A time outside this range is a producer bug (an unset clock, seconds sent as milliseconds).
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);
// `jobs` is partitioned by submitted_at and partitions are made a few days ahead: a row far in the future
// would land in the default partition and block the creation of its day's partition later.
const MAX_SUBMITTED_AHEAD_MS = 24 * 3600 * 1000;

/**
 * What makes a job event unusable by the ingester beyond the contract's own checks, each naming the field;
 * empty when the event can be stored.
 */
export function jobEventProblems(event: JobStateChanged, now: number): string[] {
  const problems: string[] = [];
  if (!isUuid(event.jobId)) {
    problems.push('job_id must be a UUID');
  }
  if (!isUuid(event.testId)) {
    problems.push('test_id must be a UUID');
  }
  problems.push(...timeProblems('submitted_at', event.submittedAt), ...timeProblems('occurred_at', event.occurredAt));
  if (event.submittedAt !== undefined && timestampDate(event.submittedAt).getTime() > now + MAX_SUBMITTED_AHEAD_MS) {
    problems.push('submitted_at must not be more than 24 h ahead of the ingester clock');
  }
  if (!isKnownState(event)) {
    problems.push(`state ${event.state} is not a known job state`);
  }
  return problems;
}

function timeProblems(field: string, timestamp: Timestamp | undefined): string[] {
  // A missing timestamp is the contract's check (the bus dead-letters it before the handler).
  const ms = timestamp === undefined ? EARLIEST : timestampDate(timestamp).getTime();
  return ms >= EARLIEST && ms <= LATEST ? [] : [`${field} must be between 2000 and 9999`];
}

// A producer built from a newer schema may send a state this build does not know.
function isKnownState(event: JobStateChanged): boolean {
  try {
    return (JOB_STATE_NAMES as readonly string[]).includes(jobStateName(event.state));
  } catch {
    return false;
  }
}
