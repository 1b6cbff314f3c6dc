import type { ErrorClassName } from '../backend-job-status';

/** Cores, memory and wall-time a job asks of its batch system. */
export interface WorkloadResources {
  readonly cores?: number;
  readonly memoryMb?: number;
  /** Wall-time limit; the backend kills the job after it (a `failed` job, error class `workload` unless a rule says otherwise). */
  readonly timeLimitSeconds?: number;
}

/** A file the job reads. Its path may use job variables; it is exported to the job as `ANVIL_INPUT_<index>`. */
export interface WorkloadInput {
  readonly path: string;
}

/** When a job that ran to its end counts as `completed`. */
export interface WorkloadSuccess {
  /** Exit codes that count as success; default `[0]`. */
  readonly exitCodes?: readonly number[];
  /** A regular expression the job's stdout must match, too. */
  readonly outputPattern?: string;
}

/**
 * A figure read from the job's output: the first capture group of `pattern` (a regular expression), last
 * match wins. The name `events` fills the job's `events` column; every other name lands in its `metrics`.
 */
export interface WorkloadMetric {
  readonly name: string;
  readonly pattern: string;
  /** Default `stdout`. */
  readonly source?: 'stdout' | 'stderr';
}

/**
 * Maps a failed job to an error class. A rule matches when each condition it sets holds: the exit code is
 * one of `exitCodes`, `pattern` (a regular expression) matches stdout or stderr. First matching rule wins;
 * no match: `unknown`.
 */
export interface ErrorClassificationRule {
  readonly errorClass: ErrorClassName;
  readonly exitCodes?: readonly number[];
  readonly pattern?: string;
  /** The job's error message; default: the matching output line, or the exit code. */
  readonly message?: string;
}

/**
 * What a template runs: exactly one of `command` (a shell command line) or `script` (a bash script body).
 * Every string may use job variables: `${test.id}`, `${queue.id}`, `${queue.name}`, `${site.id}`, `${job.id}`,
 * `${job.index}`, `${backend}`. The `sim` backend ignores the workload and follows the queue's model.
 */
export interface WorkloadSpec {
  readonly command?: string;
  readonly script?: string;
  /** Container image; the kubernetes and panda backends run the job in it, local and slurm refuse it. */
  readonly image?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly resources?: WorkloadResources;
  readonly inputs?: readonly WorkloadInput[];
  readonly success?: WorkloadSuccess;
  readonly metrics?: readonly WorkloadMetric[];
  readonly errorRules?: readonly ErrorClassificationRule[];
}
