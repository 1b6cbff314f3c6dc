import { connect, Events, headers as natsHeaders, type JetStreamClient, type NatsConnection } from 'nats';
import { BUS_HEADERS, BusNamespace, PROTOBUF_CONTENT_TYPE } from '@anvil/bus';
import { LOG_SINK_LIMITS } from './log-sink.constants';
import { Wakeup } from './wakeup';

export interface NatsLogConnectionOptions {
  readonly url: string;
  /** ANVIL_NAMESPACE; empty for none. */
  readonly namespace: string;
  /** Connection name shown by the server. */
  readonly name: string;
  /** Called when the connection is up, first or again: sinks retry at once. */
  readonly onReady: () => void;
}

const CONNECT_RETRY_MAX_MS = 5000;

/**
 * The log sinks' own NATS connection, apart from the service's bus: opening it never delays the service (it connects
 * in the background, retrying for ever), and closing the bus at shutdown leaves it open for the last lines. While it
 * is down, a publish waits for it (a while) instead of piling up in the client's reconnect buffer.
 */
export class NatsLogConnection {
  readonly namespace: BusNamespace;
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private connected = false;
  private closing = false;
  private readonly up = new Wakeup();

  constructor(private readonly options: NatsLogConnectionOptions) {
    this.namespace = new BusNamespace(options.namespace);
    this.connectInBackground().catch(() => undefined);
  }

  /**
   * Publishes to an un-namespaced subject; resolves once the stream acked. While disconnected it waits for the
   * connection up to the publish timeout, then rejects.
   */
  async publish(subject: string, data: Uint8Array, msgId: string, messageType: string): Promise<void> {
    if (!this.connected && !this.closing) {
      await this.up.wait(LOG_SINK_LIMITS.publishTimeoutMs);
    }
    if (!this.connected || this.js === undefined) {
      throw new Error('not connected to NATS');
    }
    const headers = natsHeaders();
    headers.set(BUS_HEADERS.contentType, PROTOBUF_CONTENT_TYPE);
    headers.set(BUS_HEADERS.message, messageType);
    await this.js.publish(this.namespace.subject(subject), data, { msgID: msgId, headers });
  }

  /** Closes the connection (call after the sinks are closed). */
  async close(): Promise<void> {
    this.closing = true;
    this.connected = false;
    this.up.notify();
    if (this.nc !== undefined && !this.nc.isClosed()) {
      await this.nc.close();
    }
  }

  private async connectInBackground(): Promise<void> {
    let waitMs = 100;
    while (!this.closing) {
      try {
        const nc = await connect({
          servers: this.options.url,
          name: this.options.name,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1000,
        });
        if (this.closing) {
          await nc.close();
          return;
        }
        this.nc = nc;
        this.js = nc.jetstream({ timeout: LOG_SINK_LIMITS.publishTimeoutMs });
        this.connected = true;
        this.watch(nc).catch(() => undefined);
        this.up.notify();
        this.options.onReady();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
        waitMs = Math.min(waitMs * 2, CONNECT_RETRY_MAX_MS);
      }
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === Events.Disconnect) {
        this.connected = false;
      } else if (status.type === Events.Reconnect) {
        this.connected = !this.closing;
        this.up.notify();
        this.options.onReady();
      }
    }
  }
}
