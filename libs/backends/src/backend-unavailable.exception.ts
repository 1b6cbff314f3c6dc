/** A queue names a backend this build cannot drive yet (or that lacks its settings). */
export class BackendUnavailableException extends Error {
  constructor(
    readonly backend: string,
    reason = 'is not available yet',
  ) {
    super(`backend ${backend} ${reason}`);
    this.name = 'BackendUnavailableException';
  }
}
