/** A trace line is malformed; the message names the line and the field, e.g. `line 7: outcome must be ...`. */
export class TraceLineError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly field: string,
    problem: string,
  ) {
    super(`line ${lineNumber}: ${field} ${problem}`);
    this.name = 'TraceLineError';
  }
}
