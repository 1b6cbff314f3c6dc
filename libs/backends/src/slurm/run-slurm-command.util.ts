import { execFile } from 'node:child_process';
import { SlurmBackendErrorCode, SlurmBackendException } from './slurm-backend.exception';

/** The Slurm client commands the backend runs. */
export type SlurmCommand = 'sbatch' | 'squeue' | 'scancel';

/** What a Slurm command printed. */
export interface SlurmCommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const MAX_SHOWN_COMMAND = 300;

function shown(command: SlurmCommand, args: readonly string[]): string {
  const line = [command, ...args].join(' ');
  return line.length <= MAX_SHOWN_COMMAND ? line : `${line.slice(0, MAX_SHOWN_COMMAND)}…`;
}

/**
 * Runs a Slurm command without a shell, killing it after `timeoutMs`. Times are printed as epoch seconds
 * (`SLURM_TIME_FORMAT=%s`). Resolves with its output when it exits 0; otherwise rejects with a
 * `SlurmBackendException` whose message names the command line and holds its stderr.
 */
export function runSlurmCommand(
  command: SlurmCommand,
  args: readonly string[],
  timeoutMs: number,
): Promise<SlurmCommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        encoding: 'utf8',
        maxBuffer: MAX_OUTPUT_BYTES,
        env: { ...process.env, SLURM_TIME_FORMAT: '%s' },
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr });
          return;
        }
        const said = stderr.trim() || stdout.trim();
        if (error.killed) {
          reject(
            new SlurmBackendException(
              SlurmBackendErrorCode.CommandTimedOut,
              `${shown(command, args)} timed out after ${timeoutMs} ms${said === '' ? '' : `: ${said}`}`,
              stderr,
            ),
          );
        } else if (error.code === 'ENOENT') {
          reject(
            new SlurmBackendException(
              SlurmBackendErrorCode.CommandNotFound,
              `${command} could not run: it is not installed or not in PATH`,
            ),
          );
        } else {
          reject(
            new SlurmBackendException(
              SlurmBackendErrorCode.CommandFailed,
              `${shown(command, args)} failed (exit ${String(error.code)}): ${said || error.message}`,
              stderr,
            ),
          );
        }
      },
    );
  });
}
