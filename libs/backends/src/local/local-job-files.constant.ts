/**
 * The files of a job directory. The stage marker is one empty file renamed from `waiting` to `claimed` (by the
 * backend that starts the job) to `started` (by the job's wrapper), so exactly one process wins each step.
 */
export const LOCAL_JOB_FILES = {
  /** `LocalJobMeta`, written at submission. */
  meta: 'meta.json',
  /** The workload spec, to judge the job's result by. */
  workload: 'workload.json',
  /** The workload's script (`jobScript`). */
  script: 'job.sh',
  /** The job's environment (`jobEnvironment`) as `export NAME='value'` lines. */
  env: 'job.env',
  /** The wrapper that measures and time-limits the script (`localWrapperScript`). */
  wrapper: 'run.sh',
  waiting: 'waiting',
  claimed: 'claimed',
  started: 'started',
  /** `LocalJobProcess`, written by the wrapper when it starts. */
  process: 'process.json',
  stdout: 'stdout',
  stderr: 'stderr',
  /** GNU time's report on the script. */
  time: 'time.txt',
  /** `LocalJobEnd`, written by the wrapper when the script ended (or by a backend when its process vanished). */
  end: 'end.json',
  /** `LocalJobCancel`, written by `cancel`. */
  cancel: 'cancel.json',
  /** The script's working directory. */
  work: 'work',
} as const;

/** Seconds between the TERM that ends a job (time limit, cancel, end of its script) and the KILL. */
export const LOCAL_KILL_AFTER_SECONDS = 5;
