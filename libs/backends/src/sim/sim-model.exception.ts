/** A simulated queue model is invalid; `field` is the full path of the offending field. */
export class SimModelException extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'SimModelException';
  }
}
