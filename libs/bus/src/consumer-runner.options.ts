import type { Contract, StreamKey } from '@anvil/contracts';
import type { Delivery } from './delivery';

interface CommonRunnerOptions {
  /** Service name: dead letters go to `anvil.dlq.<service>`. */
  readonly service: string;
  /** Key of `STREAMS` holding the filter subject. */
  readonly stream: StreamKey;
  /** Durable consumer name (`<service>-<handler>`), inside the namespaced stream. */
  readonly durable: string;
  /** Un-namespaced filter subject, e.g. `anvil.job.>`. */
  readonly filterSubject: string;
  /** Handlers running at once (per-message mode) or batches in flight (batch mode). Default 1. */
  readonly concurrency?: number;
  /** Default 5; the last failed delivery goes to the DLQ. */
  readonly maxDeliver?: number;
  /** Nak delay after delivery n failed: entry n-1, the last entry past the end. Default 1 s, 5 s, 15 s, 30 s. */
  readonly backoffMs?: readonly number[];
  /** Default 30 s; the runner signals progress on long handlers, so this bounds only a crashed process. */
  readonly ackWaitMs?: number;
  /** How long `stop()` waits for handlers in flight. Default 25 s. */
  readonly drainTimeoutMs?: number;
  /** Lifetime of a pull request (≥ 1000). Default 2 s. */
  readonly pullExpiresMs?: number;
  /** Contracts used to decode; default every contract of `@anvil/contracts`. */
  readonly contracts?: readonly Contract[];
}

export interface SingleRunnerOptions extends CommonRunnerOptions {
  readonly batch?: false;
  handle(delivery: Delivery): Promise<void>;
}

export interface BatchRunnerOptions extends CommonRunnerOptions {
  readonly batch: true;
  /** Most messages per batch. Default 100. */
  readonly batchSize?: number;
  /** Acks every message after it resolves; naks every message (with backoff) if it throws. */
  handle(deliveries: Delivery[]): Promise<void>;
}

export type ConsumerRunnerOptions = SingleRunnerOptions | BatchRunnerOptions;
