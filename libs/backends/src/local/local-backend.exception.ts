/** Why the local backend refused a job. */
export type LocalBackendErrorCode = 'queue-config' | 'container-image' | 'unsafe-id';

/** The local backend cannot take a job: a bad queue config, a workload it cannot run, or an id it cannot store. */
export class LocalBackendException extends Error {
  constructor(
    readonly code: LocalBackendErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LocalBackendException';
  }
}
