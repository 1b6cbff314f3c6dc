/** A scenario document is invalid; `path` names the offending field, e.g. `queues[0].incidents[1].window.fromHour`. */
export class ScenarioValidationException extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    /** The file (or catalogue name) the document came from, when known. */
    readonly source?: string,
  ) {
    super(`${source === undefined ? '' : `${source}: `}${path} ${problem}`);
    this.name = 'ScenarioValidationException';
  }
}
