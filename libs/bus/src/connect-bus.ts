import { connect } from 'nats';
import type { BusConnection } from './bus-connection';
import { BusNamespace } from './bus-namespace';

export interface ConnectBusOptions {
  readonly url: string;
  /** ANVIL_NAMESPACE; empty for none. */
  readonly namespace: string;
  /** Connection name shown by the server (`nats server report connections`). */
  readonly name: string;
}

/** Connects to NATS and opens the JetStream client and manager. */
export async function connectBus(options: ConnectBusOptions): Promise<BusConnection> {
  // Reconnect for ever: a service outlives a NATS restart; pending publishes wait in the client buffer.
  const nc = await connect({ servers: options.url, name: options.name, maxReconnectAttempts: -1 });
  const js = nc.jetstream();
  const jsm = await nc.jetstreamManager();
  const hooks = new Set<() => Promise<void>>();
  let closing: Promise<void> | undefined;

  const close = async (): Promise<void> => {
    await Promise.allSettled([...hooks].map((hook) => hook()));
    if (!nc.isClosed()) {
      // drain() flushes pending acks and publishes before closing.
      await nc.drain();
    }
  };

  return {
    nc,
    js,
    jsm,
    namespace: new BusNamespace(options.namespace),
    beforeClose(hook) {
      hooks.add(hook);
      return () => hooks.delete(hook);
    },
    close() {
      closing ??= close();
      return closing;
    },
  };
}
