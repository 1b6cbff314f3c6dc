import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import type { BusNamespace } from './bus-namespace';

/** One connection to NATS JetStream, with the namespace every name is mapped through. */
export interface BusConnection {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly namespace: BusNamespace;
  /**
   * Registers work to finish before the connection closes (consumer runners register their drain here),
   * so closing the connection never cuts off a handler in flight. Returns a function that unregisters it.
   */
  beforeClose(hook: () => Promise<void>): () => void;
  /** Runs the `beforeClose` hooks, then drains and closes the connection. Idempotent. */
  close(): Promise<void>;
}
