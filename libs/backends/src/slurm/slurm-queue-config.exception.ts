/** A Slurm queue's `backend_config` is invalid; `field` is the full path of the offending field. */
export class SlurmQueueConfigException extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'SlurmQueueConfigException';
  }
}
