/** A PanDA queue's `backend_config` is invalid; `field` is the full path of the offending field. */
export class PandaQueueConfigException extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'PandaQueueConfigException';
  }
}
