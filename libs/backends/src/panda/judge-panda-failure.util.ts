import type { BackendJobStatus, ErrorClassName } from '../backend-job-status';
import { interpretJobResult } from '../workload/interpret-result';
import type { WorkloadSpec } from '../workload/workload-spec';
import type { PandaJobAttribute } from './panda-job-attributes.constant';
import { recordNumber, recordText, type PandaJobRecord } from './panda-job-record';

/** A PanDA component that reports errors as a code/diag pair in the job record, and whose side its errors are on. */
interface PandaErrorSource {
  readonly name: string;
  readonly code: PandaJobAttribute;
  readonly diag: PandaJobAttribute;
  /** Class of its errors when the payload itself did not fail. */
  readonly errorClass: ErrorClassName;
}

/** Job dispatcher code for a job whose pilot stopped sending heartbeats (`jobdispatcher/ErrorCode.py` EC_Watcher). */
const LOST_HEARTBEAT = 100;

/**
 * In order of precedence: the pilot and data management run at the site; the job dispatcher, task buffer,
 * brokerage and supervisor are PanDA's central services (except a lost heartbeat, see `siteSideCode`).
 */
const ERROR_SOURCES: readonly PandaErrorSource[] = [
  { name: 'pilot', code: 'pilotErrorCode', diag: 'pilotErrorDiag', errorClass: 'site' },
  { name: 'ddm', code: 'ddmErrorCode', diag: 'ddmErrorDiag', errorClass: 'site' },
  { name: 'jobdispatcher', code: 'jobDispatcherErrorCode', diag: 'jobDispatcherErrorDiag', errorClass: 'central' },
  { name: 'taskbuffer', code: 'taskBufferErrorCode', diag: 'taskBufferErrorDiag', errorClass: 'central' },
  { name: 'brokerage', code: 'brokerageErrorCode', diag: 'brokerageErrorDiag', errorClass: 'central' },
  { name: 'supervisor', code: 'supErrorCode', diag: 'supErrorDiag', errorClass: 'central' },
];

const EXE: PandaErrorSource = { name: 'exe', code: 'exeErrorCode', diag: 'exeErrorDiag', errorClass: 'workload' };

interface ReportedError {
  readonly source: PandaErrorSource;
  readonly code: number;
  readonly diag: string;
}

function reported(record: PandaJobRecord, source: PandaErrorSource): ReportedError | undefined {
  const code = recordNumber(record, source.code);
  return code === undefined || code === 0 ? undefined : { source, code, diag: recordText(record, source.diag) ?? '' };
}

function describe(errors: readonly ReportedError[]): string {
  return errors.map((e) => `${e.source.name} ${e.code}${e.diag === '' ? '' : `: ${e.diag}`}`).join('; ');
}

/** A lost heartbeat means the pilot or its worker node died: the site's side, though the dispatcher reports it. */
function errorClassOf(error: ReportedError): ErrorClassName {
  return error.source.code === 'jobDispatcherErrorCode' && error.code === LOST_HEARTBEAT
    ? 'site'
    : error.source.errorClass;
}

type Judgement = Pick<BackendJobStatus, 'state' | 'exitCode' | 'errorClass' | 'errorMessage'>;

/**
 * Judges a job PanDA reports `failed`. When the payload ran and failed (a non-zero `transExitCode`, else
 * `exeErrorCode`), the workload's rules decide, on that exit code and the diag texts — PanDA keeps the
 * payload's output in the log tarball, not in the job record, so output patterns cannot apply; an exit code
 * the workload counts as success makes the job `completed`. Otherwise the first reporting component decides:
 * pilot, ddm and a lost heartbeat are the site's; the other server components are central. No code: unknown.
 */
export function judgePandaFailure(record: PandaJobRecord, judging: WorkloadSpec): Judgement {
  const errors = [EXE, ...ERROR_SOURCES].flatMap((source) => reported(record, source) ?? []);
  const summary = describe(errors);
  const payloadExit = recordNumber(record, 'transExitCode') || reported(record, EXE)?.code;
  if (payloadExit !== undefined && payloadExit !== 0) {
    const judged = interpretJobResult(
      { success: { exitCodes: judging.success?.exitCodes }, errorRules: judging.errorRules },
      { exitCode: payloadExit, timedOut: false, stdout: '', stderr: errors.map((e) => e.diag).join('\n') },
    );
    if (judged.state === 'completed') {
      return { state: 'completed', exitCode: payloadExit };
    }
    return {
      state: 'failed',
      exitCode: payloadExit,
      errorClass: judged.errorClass ?? 'unknown',
      errorMessage: summary === '' ? judged.errorMessage : `${judged.errorMessage} (PanDA: ${summary})`,
    };
  }
  const first = errors.find((e) => e.source !== EXE);
  if (first === undefined) {
    return {
      state: 'failed',
      errorClass: 'unknown',
      errorMessage: 'PanDA reports the job failed without an error code',
    };
  }
  return { state: 'failed', errorClass: errorClassOf(first), errorMessage: `PanDA: ${summary}` };
}
