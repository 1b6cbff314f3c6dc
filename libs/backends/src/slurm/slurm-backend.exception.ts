/** Why the slurm backend could not do what it was asked. */
export enum SlurmBackendErrorCode {
  /** A Slurm command exited non-zero (controller down, partition unknown, …); the message holds its stderr. */
  CommandFailed = 'command-failed',
  /** A Slurm command did not finish within `commandTimeoutMs` and was killed. */
  CommandTimedOut = 'command-timed-out',
  /** A Slurm command is not installed (not in PATH). */
  CommandNotFound = 'command-not-found',
  /** A Slurm command answered something the backend cannot read. */
  UnexpectedOutput = 'unexpected-output',
  /** The workload names a container image; this backend has no container runtime. */
  ImageUnsupported = 'image-unsupported',
  /** A test or job id cannot be used as a directory name under `workDir`. */
  InvalidId = 'invalid-id',
}

/**
 * A failure of the slurm backend. The submitter logs it and retries on its next tick; it never crashes on it.
 * `stderr` is what the failing command said, when one failed.
 */
export class SlurmBackendException extends Error {
  constructor(
    readonly code: SlurmBackendErrorCode,
    message: string,
    readonly stderr?: string,
  ) {
    super(message);
    this.name = 'SlurmBackendException';
  }
}
