import { isFinalJobState, jobStateRank, type JobStateName } from '@anvil/contracts';
import type { BackendJobStatus } from '@anvil/backends';

/**
 * The states to publish, in order, when a job last published as `current` is now reported as `status`.
 * Monotonic: nothing for the same or a lower state. A `running` skipped between two polls is published
 * first only when the backend gave a start time (so its time is real), otherwise just the final state.
 */
export function statesToPublish(current: JobStateName, status: BackendJobStatus): JobStateName[] {
  if (jobStateRank(status.state) <= jobStateRank(current)) {
    return [];
  }
  if (current === 'submitted' && isFinalJobState(status.state) && status.startedAt !== undefined) {
    return ['running', status.state];
  }
  return [status.state];
}
