import { SlurmBackendErrorCode, SlurmBackendException } from './slurm-backend.exception';

/** One job as `squeue` lists it. */
export interface SqueueRow {
  readonly slurmJobId: string;
  /** Slurm's state name (`PENDING`, `RUNNING`, `COMPLETED`, `TIMEOUT`, …). */
  readonly state: string;
  /** Epoch ms; for a pending job, Slurm's estimate (or absent). */
  readonly startMs?: number;
  /** Epoch ms; for a running job, when its time limit ends. */
  readonly endMs?: number;
  /** Slurm's reason (`None`, `NonZeroExitCode`, `TimeLimit`, `Priority`, …). */
  readonly reason: string;
}

/** One job found by its name (`jobsOfTest`, a retried `submit`). */
export interface SqueueNamedRow {
  readonly slurmJobId: string;
  readonly name: string;
}

/** Slurm job ids the backend hands out: plain numbers (no array or heterogeneous jobs). */
export const SLURM_JOB_ID = /^[0-9]{1,12}$/;

const ROW_FORMAT = '%i|%T|%S|%e|%r';
const NAMED_ROW_FORMAT = '%i|%j';

/** `squeue` arguments listing the given jobs in any state (finished ones stay listed for MinJobAge). */
export function squeueArgs(slurmJobIds: readonly string[]): string[] {
  return ['--noheader', '--states=all', `--jobs=${slurmJobIds.join(',')}`, `--format=${ROW_FORMAT}`];
}

/** `squeue` arguments listing the jobs with the given names, in any state. */
export function squeueByNameArgs(names: readonly string[]): string[] {
  return ['--noheader', '--states=all', `--name=${names.join(',')}`, `--format=${NAMED_ROW_FORMAT}`];
}

/** True when a Slurm command failed because the job ids it was given are unknown (squeue with one id, scancel). */
export function isUnknownJobIdError(stderr: string): boolean {
  return /Invalid job id specified/i.test(stderr);
}

// With SLURM_TIME_FORMAT=%s times are epoch seconds; unset ones are `N/A`, `Unknown`, `None` or 0.
function epochMs(text: string): number | undefined {
  const seconds = /^[0-9]+$/.test(text) ? Number(text) : 0;
  return seconds > 0 ? seconds * 1000 : undefined;
}

function fields(line: string, count: number): string[] {
  const parts = line.split('|');
  if (parts.length < count || !SLURM_JOB_ID.test(parts[0] ?? '')) {
    throw new SlurmBackendException(SlurmBackendErrorCode.UnexpectedOutput, `cannot read squeue line "${line}"`);
  }
  // The last field may itself contain `|`.
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join('|')];
}

function lines(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The rows of `squeue` output in the `squeueArgs` format, by Slurm job id. */
export function parseSqueueOutput(output: string): Map<string, SqueueRow> {
  const rows = new Map<string, SqueueRow>();
  for (const line of lines(output)) {
    const [slurmJobId = '', state = '', start = '', end = '', reason = ''] = fields(line, 5);
    const startMs = epochMs(start);
    const endMs = epochMs(end);
    rows.set(slurmJobId, {
      slurmJobId,
      state,
      reason,
      ...(startMs === undefined ? {} : { startMs }),
      ...(endMs === undefined ? {} : { endMs }),
    });
  }
  return rows;
}

/** The rows of `squeue` output in the `squeueByNameArgs` format. */
export function parseSqueueByNameOutput(output: string): SqueueNamedRow[] {
  return lines(output).map((line) => {
    const [slurmJobId = '', name = ''] = fields(line, 2);
    return { slurmJobId, name };
  });
}
