/** One decoded, checked message handed to a handler. */
export interface Delivery<T = unknown> {
  readonly message: T;
  /** Subject without the namespace, e.g. `anvil.job.completed.q1`. */
  readonly subject: string;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  readonly headers: Readonly<Record<string, string>>;
}
