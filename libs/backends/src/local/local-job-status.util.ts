import { join } from 'node:path';
import type { BackendJobStatus } from '../backend-job-status';
import { interpretJobResult, TIMED_OUT_EXIT_CODE } from '../workload/interpret-result';
import type { WorkloadSpec } from '../workload/workload-spec';
import { parseGnuTimeReport, signalName } from './gnu-time-report.util';
import { readJsonIfPresent, readTailIfPresent, readTextIfPresent } from '../files/fs.util';
import { LOCAL_JOB_FILES as F } from './local-job-files.constant';
import type { LocalJobEnd } from './local-job-records';
import type { LocalJobSnapshot } from './local-job-snapshot';

/** How much of the end of stdout and stderr a finished job is judged by. */
export const LOCAL_OUTPUT_TAIL_BYTES = 64 * 1024;

/** Exit status of `timeout` when it had to KILL the script after its TERM. */
const KILLED_AFTER_TIMEOUT_EXIT_CODE = 137;

const VANISHED_MESSAGE =
  "the job's processes vanished without recording how it ended (host rebooted, or its wrapper was killed)";

function seconds(fromMs: number, toMs: number): number {
  return Math.max(0, toMs - fromMs) / 1000;
}

async function finishedStatus(job: LocalJobSnapshot, end: LocalJobEnd, startedAt?: Date): Promise<BackendJobStatus> {
  const [timeText, stdout, stderr, workload] = await Promise.all([
    readTextIfPresent(join(job.dir, F.time)),
    readTailIfPresent(join(job.dir, F.stdout), LOCAL_OUTPUT_TAIL_BYTES),
    readTailIfPresent(join(job.dir, F.stderr), LOCAL_OUTPUT_TAIL_BYTES),
    readJsonIfPresent<WorkloadSpec>(join(job.dir, F.workload)),
  ]);
  // Without GNU time's report (it was killed), fall back to the wrapper's wait status and clock.
  const report = parseGnuTimeReport(timeText ?? '');
  const status = end.status ?? 0;
  const exitCode = report === undefined ? (status > 128 ? null : status) : report.exitCode;
  const signal = report === undefined ? (status > 128 ? signalName(status - 128) : null) : report.signal;
  const wallSeconds =
    report?.wallSeconds ?? (startedAt === undefined ? 0 : seconds(startedAt.getTime(), end.finishedAtMs));
  const limit = job.meta.timeLimitSeconds;
  // `timeout` says 124 (or 137 when it had to KILL); the script may exit 124 itself, but not at the limit.
  const timedOut =
    limit !== undefined &&
    (exitCode === TIMED_OUT_EXIT_CODE || exitCode === KILLED_AFTER_TIMEOUT_EXIT_CODE) &&
    wallSeconds + 0.05 >= limit;
  const result = interpretJobResult(workload ?? {}, {
    exitCode,
    signal,
    timedOut,
    stdout: stdout ?? '',
    stderr: stderr ?? '',
  });
  return {
    state: result.state,
    ...(startedAt === undefined ? {} : { startedAt }),
    finishedAt: new Date(end.finishedAtMs),
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    ...(result.errorClass === undefined ? {} : { errorClass: result.errorClass, errorMessage: result.errorMessage }),
    wallSeconds,
    ...(report === undefined ? {} : { cpuSeconds: report.cpuSeconds, maxRssKb: report.maxRssKb }),
    ...(result.events === undefined ? {} : { events: result.events }),
    metrics: result.metrics,
  };
}

/** What `poll` says of a job: from its files, and for a finished job from its workload's rules. */
export async function localJobStatus(job: LocalJobSnapshot): Promise<BackendJobStatus> {
  const { end, cancel, wrapper } = job;
  const startedAt = wrapper !== undefined && end?.ran !== false ? new Date(wrapper.startedAtMs) : undefined;
  const started = startedAt === undefined ? {} : { startedAt };
  if (cancel !== undefined) {
    const finishedMs = end?.finishedAtMs ?? cancel.cancelledAtMs;
    return {
      state: 'cancelled',
      ...started,
      finishedAt: new Date(finishedMs),
      ...(startedAt === undefined ? {} : { wallSeconds: seconds(startedAt.getTime(), finishedMs) }),
      errorMessage: 'cancelled by the submitter',
    };
  }
  if (end === undefined) {
    return job.stage === 'started' ? { state: 'running', ...started } : { state: 'submitted' };
  }
  if (end.vanished === true || !end.ran) {
    return {
      state: 'failed',
      ...started,
      finishedAt: new Date(end.finishedAtMs),
      errorClass: 'unknown',
      errorMessage: VANISHED_MESSAGE,
    };
  }
  return finishedStatus(job, end, startedAt);
}
