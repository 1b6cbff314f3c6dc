export enum SlurmPartitionErrorCode {
  /** The queue's `backendConfig` has no usable `partition` (or an invalid account/QOS). */
  InvalidBackendConfig = 'invalid-backend-config',
  /** The controller knows no partition of that name. */
  PartitionNotFound = 'partition-not-found',
  /** `scontrol` could not run, timed out, exited non-zero, or its change did not stick. */
  ScontrolFailed = 'scontrol-failed',
  /** The partition's `AllowGroups` was set by someone else; the actuator does not overwrite it. */
  ForeignRestriction = 'foreign-restriction',
}

/** The Slurm actuator could not bring a partition to the wanted state; the message names the partition. */
export class SlurmPartitionException extends Error {
  constructor(
    readonly code: SlurmPartitionErrorCode,
    readonly partition: string,
    message: string,
  ) {
    super(message);
    this.name = 'SlurmPartitionException';
  }
}
