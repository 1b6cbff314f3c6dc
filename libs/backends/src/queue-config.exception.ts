/**
 * A queue's `backend_config` (or a simulated queue's model) is invalid for its backend; `field` is the full path of
 * the offending field.
 */
export class QueueConfigException extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'QueueConfigException';
  }
}
