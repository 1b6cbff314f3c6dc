/**
 * A Kubernetes API call failed: the API server could not be reached or answered with an HTTP error.
 * `call` names the operation (e.g. `createNamespacedJob`); the submitter retries on its next tick.
 */
export class KubernetesApiException extends Error {
  constructor(
    readonly call: string,
    reason: string,
    /** HTTP status, when the API server answered. */
    readonly statusCode?: number,
  ) {
    super(`Kubernetes ${call} failed: ${reason}`);
    this.name = 'KubernetesApiException';
  }
}
