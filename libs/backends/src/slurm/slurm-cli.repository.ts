import { runSlurmCommand } from './run-slurm-command.util';
import { parseSbatchOutput } from './sbatch-args.util';
import { SlurmBackendErrorCode, SlurmBackendException } from './slurm-backend.exception';
import {
  isUnknownJobIdError,
  parseSqueueByNameOutput,
  parseSqueueOutput,
  squeueArgs,
  squeueByNameArgs,
  type SqueueRow,
} from './squeue.util';

// Names per `squeue --name` call.
const NAMES_PER_CALL = 100;

function failedBecause(error: unknown, said: (stderr: string) => boolean): boolean {
  return (
    error instanceof SlurmBackendException &&
    error.code === SlurmBackendErrorCode.CommandFailed &&
    said(error.stderr ?? '')
  );
}

/**
 * Slurm's client commands, each run without a shell and killed after `timeoutMs`. Every method throws a
 * `SlurmBackendException` naming the command and its stderr when Slurm cannot answer.
 */
export class SlurmCliRepository {
  constructor(private readonly timeoutMs: number) {}

  /** Submits a batch job (`sbatchArgs`) and returns Slurm's job id. */
  async sbatch(args: readonly string[]): Promise<string> {
    return parseSbatchOutput((await runSlurmCommand('sbatch', args, this.timeoutMs)).stdout);
  }

  /**
   * Slurm's rows for the jobs it still lists, in one `squeue` call. squeue fails when the only id it is
   * given is unknown, which means "none listed"; should a Slurm refuse a whole list for one unknown id,
   * each job is asked for alone.
   */
  async jobs(slurmJobIds: readonly string[]): Promise<Map<string, SqueueRow>> {
    if (slurmJobIds.length === 0) {
      return new Map();
    }
    try {
      return parseSqueueOutput((await runSlurmCommand('squeue', squeueArgs(slurmJobIds), this.timeoutMs)).stdout);
    } catch (error) {
      if (!failedBecause(error, isUnknownJobIdError)) {
        throw error;
      }
      const rows = new Map<string, SqueueRow>();
      for (const slurmJobId of slurmJobIds.length === 1 ? [] : slurmJobIds) {
        for (const [id, row] of await this.jobs([slurmJobId])) {
          rows.set(id, row);
        }
      }
      return rows;
    }
  }

  /** The id of the newest job Slurm lists under each name, by name; names it does not list are absent. */
  async jobIdsByName(names: readonly string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let start = 0; start < names.length; start += NAMES_PER_CALL) {
      const args = squeueByNameArgs(names.slice(start, start + NAMES_PER_CALL));
      for (const row of parseSqueueByNameOutput((await runSlurmCommand('squeue', args, this.timeoutMs)).stdout)) {
        const known = ids.get(row.name);
        if (known === undefined || Number(row.slurmJobId) > Number(known)) {
          ids.set(row.name, row.slurmJobId);
        }
      }
    }
    return ids;
  }

  /** `scancel`; a job Slurm does not know, or that already ended, is left as it is. */
  async scancel(slurmJobId: string): Promise<void> {
    try {
      await runSlurmCommand('scancel', [slurmJobId], this.timeoutMs);
    } catch (error) {
      if (
        !failedBecause(
          error,
          (stderr) => isUnknownJobIdError(stderr) || /already completing or completed/i.test(stderr),
        )
      ) {
        throw error;
      }
    }
  }
}
