import type { JobStateName } from '@anvil/contracts';
import type { BackendJobStatus } from '../backend-job-status';
import { judgingWorkloadOfPandaJob } from './build-panda-job.util';
import { judgePandaFailure } from './judge-panda-failure.util';
import { recordDate, recordNumber, recordText, type PandaJobRecord } from './panda-job-record';

/**
 * PanDA job states (panda-wms.readthedocs.io, "Job states") as Anvil sees them: queued or being brokered is
 * `submitted`; from `starting` (a pilot on a worker node has it) through stage-out (`holding`,
 * `transferring`, `merging`) is `running`. `closed` (closed by the server, e.g. superseded) counts as cancelled.
 */
const PANDA_STATES: Readonly<Record<string, JobStateName>> = {
  pending: 'submitted',
  defined: 'submitted',
  assigned: 'submitted',
  waiting: 'submitted',
  throttled: 'submitted',
  activated: 'submitted',
  sent: 'submitted',
  starting: 'running',
  running: 'running',
  holding: 'running',
  transferring: 'running',
  merging: 'running',
  finished: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  closed: 'cancelled',
};

/** Anvil's state for a PanDA `jobStatus`; a state PanDA may add later counts as `submitted` until it ends. */
export function anvilStateOfPandaStatus(jobStatus: string): JobStateName {
  return PANDA_STATES[jobStatus] ?? 'submitted';
}

/** Wall, CPU, memory and event figures PanDA recorded for the job; none for a job that never started. */
function pandaMetrics(record: PandaJobRecord): Partial<BackendJobStatus> {
  const startedAt = recordDate(record, 'startTime');
  const finishedAt = recordDate(record, 'endTime');
  if (startedAt === undefined) {
    // PanDA stores 0 CPU seconds and 0 events for jobs that never ran: they are not measurements.
    return finishedAt === undefined ? {} : { finishedAt };
  }
  const wallSeconds = finishedAt === undefined ? undefined : (finishedAt.getTime() - startedAt.getTime()) / 1000;
  const cpuSeconds = recordNumber(record, 'cpuConsumptionTime');
  const maxRssKb = recordNumber(record, 'maxRSS');
  const events = recordNumber(record, 'nEvents');
  return {
    startedAt,
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(wallSeconds === undefined ? {} : { wallSeconds }),
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
    ...(maxRssKb === undefined || maxRssKb === 0 ? {} : { maxRssKb }),
    ...(events === undefined ? {} : { events }),
    ...(events !== undefined && wallSeconds !== undefined && wallSeconds > 0
      ? { metrics: { events_per_second: events / wallSeconds } }
      : {}),
  };
}

/** What a PanDA job record says about the job, in Anvil's terms. */
export function pandaJobStatus(record: PandaJobRecord): BackendJobStatus {
  const state = anvilStateOfPandaStatus(recordText(record, 'jobStatus') ?? '');
  switch (state) {
    case 'submitted':
      return { state };
    case 'running': {
      const startedAt = recordDate(record, 'startTime');
      return startedAt === undefined ? { state } : { state, startedAt };
    }
    case 'completed':
      return { state, exitCode: recordNumber(record, 'transExitCode') ?? 0, ...pandaMetrics(record) };
    case 'failed':
      return {
        ...pandaMetrics(record),
        ...judgePandaFailure(record, judgingWorkloadOfPandaJob(recordText(record, 'jobParameters'))),
      };
    case 'cancelled':
    case 'lost': {
      const why = recordText(record, 'taskBufferErrorDiag') ?? recordText(record, 'jobDispatcherErrorDiag');
      return {
        state,
        ...pandaMetrics(record),
        errorMessage: `PanDA ${recordText(record, 'jobStatus')}${why === undefined ? '' : `: ${why}`}`,
      };
    }
  }
}
