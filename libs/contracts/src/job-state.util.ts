import { JobState } from './gen/anvil/v1/job_pb';

/** Lower-case names used in subjects and in the database (`jobs.state`). */
export const JOB_STATE_NAMES = ['submitted', 'running', 'completed', 'failed', 'cancelled', 'lost'] as const;
export type JobStateName = (typeof JOB_STATE_NAMES)[number];
export const FINAL_JOB_STATES: readonly JobStateName[] = ['completed', 'failed', 'cancelled', 'lost'];

export function jobStateName(state: JobState): JobStateName {
  switch (state) {
    case JobState.SUBMITTED:
      return 'submitted';
    case JobState.RUNNING:
      return 'running';
    case JobState.COMPLETED:
      return 'completed';
    case JobState.FAILED:
      return 'failed';
    case JobState.CANCELLED:
      return 'cancelled';
    case JobState.LOST:
      return 'lost';
    case JobState.UNSPECIFIED:
      throw new Error('job state is unspecified');
  }
}

export function jobStateFromName(name: JobStateName): JobState {
  return [JobState.SUBMITTED, JobState.RUNNING, JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.LOST][
    JOB_STATE_NAMES.indexOf(name)
  ];
}

/**
 * Rank for the monotonic merge: a state change is applied only to a higher rank.
 * All final states share one rank, so the first final state reached wins.
 */
export function jobStateRank(name: JobStateName): number {
  return name === 'submitted' ? 1 : name === 'running' ? 2 : 3;
}

export function isFinalJobState(name: JobStateName): boolean {
  return jobStateRank(name) === 3;
}
