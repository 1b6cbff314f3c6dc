/**
 * A PanDA server call failed: the server could not be reached, answered with an HTTP error, or answered
 * `success: false`. `call` names the API endpoint (e.g. `job/submit`); the submitter retries on its next tick.
 */
export class PandaApiException extends Error {
  constructor(
    readonly call: string,
    reason: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(`PanDA ${call} failed: ${reason}`);
    this.name = 'PandaApiException';
  }
}
