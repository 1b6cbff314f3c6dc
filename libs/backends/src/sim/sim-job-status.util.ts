import type { BackendJobStatus } from '../backend-job-status';
import type { SimJobRecord } from './sim-job-record';

/** When the job starts running (epoch ms). */
export function simJobStartMs(job: SimJobRecord): number {
  return job.submittedMs + job.outcome.waitSeconds * 1000;
}

/** When the job reaches its final state if no one cancels it (epoch ms). */
export function simJobEndMs(job: SimJobRecord): number {
  return simJobStartMs(job) + job.outcome.runSeconds * 1000;
}

/**
 * The job's status at `nowMs`: `submitted` while it waits, `running` until wait + run, then its final
 * state; `cancelled` from `cancelledMs` on when it was cancelled before its end.
 */
export function simJobStatusAt(job: SimJobRecord, nowMs: number, cancelledMs?: number): BackendJobStatus {
  const startMs = simJobStartMs(job);
  const endMs = simJobEndMs(job);
  if (cancelledMs !== undefined && cancelledMs < endMs) {
    const started = cancelledMs >= startMs;
    return {
      state: 'cancelled',
      ...(started ? { startedAt: new Date(startMs) } : {}),
      finishedAt: new Date(cancelledMs),
      wallSeconds: started ? (cancelledMs - startMs) / 1000 : 0,
      errorMessage: 'cancelled by the submitter',
    };
  }
  if (nowMs < startMs) {
    return { state: 'submitted' };
  }
  if (nowMs < endMs) {
    return { state: 'running', startedAt: new Date(startMs) };
  }
  const o = job.outcome;
  return {
    state: o.state,
    startedAt: new Date(startMs),
    finishedAt: new Date(endMs),
    exitCode: o.exitCode,
    ...(o.errorClass === undefined ? {} : { errorClass: o.errorClass, errorMessage: o.errorMessage }),
    wallSeconds: o.runSeconds,
    cpuSeconds: o.cpuSeconds,
    maxRssKb: o.maxRssKb,
    events: o.events,
    metrics: { events_per_second: o.runSeconds > 0 ? o.events / o.runSeconds : 0 },
  };
}
