import { constants } from 'node:os';
import type { BackendJobStatus } from '../backend-job-status';
import { interpretJobResult, type JobRunResult } from '../workload/interpret-result';
import type { WorkloadSpec } from '../workload/workload-spec';
import { SLURM_JOB_FILES as F } from './slurm-job-files.constant';
import type { SlurmJobResult } from './slurm-job-result';
import { slurmStateKind } from './slurm-state-kind.util';
import type { SqueueRow } from './squeue.util';

/** What the backend knows of a job from its directory. */
export interface SlurmJobFacts {
  readonly workload: WorkloadSpec;
  readonly result: SlurmJobResult;
}

/** How long the `exit` file of a job Slurm says ended may lag behind (a shared file system may show it late). */
export const EXIT_FILE_GRACE_MS = 60_000;

const TIMEOUT_EXIT_CODES = [124, 128 + 9];
const SIGKILL = 9;

function signalName(signal: number): string {
  const entry = Object.entries(constants.signals).find(([, number]) => number === signal);
  return entry?.[0] ?? `signal ${signal}`;
}

// `timeout` in the batch script ended the workload: it exited 124 (or was killed after the grace) once the
// limit had passed.
function hitTimeLimit(result: SlurmJobResult, limitSeconds: number | undefined): boolean {
  const { exit, usage } = result;
  if (limitSeconds === undefined || exit === undefined) {
    return false;
  }
  const endedByTimeout = TIMEOUT_EXIT_CODES.includes(exit.exitCode) || usage?.signal === SIGKILL;
  return endedByTimeout && exit.endedMs - exit.startedMs >= limitSeconds * 1000;
}

function times(startedMs: number | undefined, finishedMs: number, wallSeconds?: number): Partial<BackendJobStatus> {
  const wall = wallSeconds ?? (startedMs === undefined ? undefined : Math.max(0, (finishedMs - startedMs) / 1000));
  return {
    ...(startedMs === undefined ? {} : { startedAt: new Date(startedMs) }),
    finishedAt: new Date(finishedMs),
    ...(wall === undefined ? {} : { wallSeconds: wall }),
  };
}

/** Judges the job by its files and workload; `slurm` says how Slurm ended it, when it did. */
function judgedStatus(
  job: SlurmJobFacts,
  finishedMs: number,
  slurm: { readonly timedOut?: boolean; readonly killedBy?: string; readonly startMs?: number },
): BackendJobStatus {
  const { result, workload } = job;
  const { exit, usage } = result;
  const run: JobRunResult = {
    exitCode: exit === undefined || usage?.signal !== undefined ? null : exit.exitCode,
    signal: usage?.signal === undefined ? (slurm.killedBy ?? null) : signalName(usage.signal),
    timedOut: slurm.timedOut === true || hitTimeLimit(result, workload.resources?.timeLimitSeconds),
    stdout: result.stdout,
    stderr: result.stderr,
  };
  const judged = interpretJobResult(workload, run);
  return {
    state: judged.state,
    ...times(exit?.startedMs ?? result.startedMs ?? slurm.startMs, finishedMs, usage?.wallSeconds),
    ...(judged.exitCode === undefined ? {} : { exitCode: judged.exitCode }),
    ...(judged.errorClass === undefined ? {} : { errorClass: judged.errorClass }),
    ...(judged.errorMessage === undefined ? {} : { errorMessage: judged.errorMessage }),
    ...(usage?.cpuSeconds === undefined ? {} : { cpuSeconds: usage.cpuSeconds }),
    ...(usage?.maxRssKb === undefined ? {} : { maxRssKb: usage.maxRssKb }),
    ...(judged.events === undefined ? {} : { events: judged.events }),
    ...(Object.keys(judged.metrics).length === 0 ? {} : { metrics: judged.metrics }),
  };
}

/** The status of a job Slurm lists as pending or running; undefined when Slurm lists it as ended. */
export function slurmJobStatusWhileActive(row: SqueueRow): BackendJobStatus | undefined {
  const kind = slurmStateKind(row.state);
  if (kind === 'pending') {
    return { state: 'submitted' };
  }
  if (kind === 'running') {
    return { state: 'running', ...(row.startMs === undefined ? {} : { startedAt: new Date(row.startMs) }) };
  }
  return undefined;
}

/**
 * The status of a job that ended, by how Slurm ended it (`row`) and by its files. A job Slurm no longer lists
 * (`row` undefined) is answered from its `exit` file, or is unknown (undefined) without one. A job Slurm says
 * COMPLETED or FAILED without an `exit` file is still `running` for EXIT_FILE_GRACE_MS, then a `site` failure.
 */
export function slurmJobStatusAtEnd(
  row: SqueueRow | undefined,
  job: SlurmJobFacts,
  nowMs: number,
): BackendJobStatus | undefined {
  const { result } = job;
  if (row === undefined) {
    return result.exit === undefined ? undefined : judgedStatus(job, result.exit.endedMs, {});
  }
  const finishedMs = result.exit?.endedMs ?? row.endMs ?? nowMs;
  const kind = slurmStateKind(row.state);
  switch (kind) {
    case 'pending':
    case 'running':
      return slurmJobStatusWhileActive(row);
    case 'cancelled':
      return { state: 'cancelled', ...times(result.exit?.startedMs ?? result.startedMs, finishedMs) };
    case 'site-failure':
      return {
        state: 'failed',
        ...times(result.startedMs, finishedMs),
        errorClass: 'site',
        errorMessage: `Slurm ended the job with ${row.state} (reason: ${row.reason})`,
      };
    case 'timed-out':
      return judgedStatus(job, finishedMs, { timedOut: true, startMs: row.startMs });
    case 'killed': {
      const status = judgedStatus(job, finishedMs, { killedBy: `Slurm (${row.state})`, startMs: row.startMs });
      // Over the memory it asked for, the job is at fault; with no request, the node's default limit is the site's.
      if (row.state === 'OUT_OF_MEMORY' && status.errorClass === 'unknown') {
        return { ...status, errorClass: job.workload.resources?.memoryMb === undefined ? 'site' : 'workload' };
      }
      return status;
    }
    case 'ended':
      if (result.exit !== undefined) {
        return judgedStatus(job, finishedMs, {});
      }
      if (row.endMs !== undefined && nowMs - row.endMs < EXIT_FILE_GRACE_MS) {
        return { state: 'running', ...(row.startMs === undefined ? {} : { startedAt: new Date(row.startMs) }) };
      }
      return {
        state: 'failed',
        ...times(result.startedMs ?? row.startMs, finishedMs),
        errorClass: 'site',
        errorMessage:
          `Slurm says the job is ${row.state} (reason: ${row.reason}) but it left no ${F.exit} file in its ` +
          'directory; is workDir shared with the compute nodes?',
      };
  }
}
