/**
 * Second argument of `@EventPattern(pattern, extras)` for `JetStreamTransport`.
 * `durable` (and the pattern) may contain `{param}` placeholders resolved from the transport's `params`.
 */
export interface BusHandlerExtras {
  /** Durable consumer name, `<service>-<handler>`. Required. */
  readonly durable: string;
  /** The method receives `Delivery<T>[]`; the batch is acked after it resolves. */
  readonly batch?: boolean;
  readonly batchSize?: number;
  readonly concurrency?: number;
  readonly maxDeliver?: number;
  readonly backoffMs?: readonly number[];
  readonly ackWaitMs?: number;
}
