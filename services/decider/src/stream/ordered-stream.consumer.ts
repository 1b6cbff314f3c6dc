import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, nanos, NatsError, ReplayPolicy, type ConsumerMessages, type JsMsg } from 'nats';
import { BUS_METRICS, type BusConnection } from '@anvil/bus';
import { STREAMS, type StreamKey } from '@anvil/contracts';

const CONSUMER_NOT_FOUND = 10014;

export interface OrderedStreamSpec {
  readonly stream: StreamKey;
  /** Durable consumer name (`decider-<handler>`). */
  readonly durable: string;
  /** Un-namespaced filter subject. */
  readonly filterSubject: string;
  /** Most messages handed out by one `take`, and the client's pull buffer. */
  readonly batchSize: number;
  readonly ackWaitMs: number;
}

/**
 * A durable pull consumer read strictly in stream order, for a single active reader (the leader).
 *
 * Order comes from where it starts, not from acks: `start(afterSeq)` recreates the durable at the last stream
 * sequence the caller committed (`afterSeq + 1`), so messages a crashed leader held unacknowledged are read
 * again first, in order, instead of coming back after `ack_wait` behind newer ones. A message at or below the
 * highest sequence seen is a redelivery of one already handed out: it is acknowledged and dropped. Acks only
 * tell the server (and operators watching `num_pending`) how far the reader is; the committed sequence is the
 * truth. `max_ack_pending` is two batches, so the server never runs far ahead of what was committed.
 */
export class OrderedStreamConsumer {
  private readonly logger = new Logger(OrderedStreamConsumer.name);
  private buffer: JsMsg[] = [];
  private highestSeq = 0;
  private serverPending = 0;
  private messages: ConsumerMessages | undefined;
  private failure: Error | undefined;
  // Bumped by start/stop, so a message or an error from an earlier pull is ignored.
  private generation = 0;
  private unwatchLag: (() => void) | undefined;

  constructor(
    private readonly bus: BusConnection,
    private readonly spec: OrderedStreamSpec,
    /** Called when messages arrived or the consumer failed. */
    private readonly wake: () => void,
  ) {}

  /** Recreates the durable just after `afterSeq` (0: from the stream's start) and starts pulling. */
  async start(afterSeq: number): Promise<void> {
    const stream = this.bus.namespace.stream(STREAMS[this.spec.stream].name);
    await this.bus.jsm.consumers.delete(stream, this.spec.durable).catch((error: unknown) => {
      if (!(error instanceof NatsError && error.api_error?.err_code === CONSUMER_NOT_FOUND)) {
        throw error;
      }
    });
    const info = await this.bus.jsm.consumers.add(stream, {
      durable_name: this.spec.durable,
      ack_policy: AckPolicy.Explicit,
      ...(afterSeq > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 }
        : { deliver_policy: DeliverPolicy.All }),
      filter_subject: this.bus.namespace.subject(this.spec.filterSubject),
      max_ack_pending: 2 * this.spec.batchSize,
      ack_wait: nanos(this.spec.ackWaitMs),
      max_deliver: -1,
      replay_policy: ReplayPolicy.Instant,
    });
    this.highestSeq = afterSeq;
    this.serverPending = info.num_pending;
    this.buffer = [];
    this.failure = undefined;
    const generation = ++this.generation;
    const consumer = await this.bus.js.consumers.get(stream, this.spec.durable);
    const messages = await consumer.consume({
      max_messages: this.spec.batchSize,
      abort_on_missing_resource: true,
      callback: (msg) => (generation === this.generation ? this.push(msg) : undefined),
    });
    this.messages = messages;
    // anvil_bus_consumer_pending_messages, read at scrape time while this replica reads the stream.
    this.unwatchLag?.();
    this.unwatchLag = BUS_METRICS.watchLag(this.spec.durable, async () => {
      const state = await consumer.info();
      return state.num_pending + state.num_ack_pending;
    });
    void messages.closed().then((error) => {
      if (error instanceof Error && generation === this.generation) {
        this.failure = error;
        this.wake();
      }
    });
  }

  /** Messages waiting, in stream order. */
  get waiting(): number {
    return this.buffer.length;
  }

  /** Messages the server still holds for this consumer after the last one received (0: caught up). */
  get pendingOnServer(): number {
    return this.serverPending;
  }

  /** Why pulling stopped on its own (the consumer was deleted, the connection closed), if it did. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Up to `max` messages, oldest first. */
  take(max = this.spec.batchSize): JsMsg[] {
    return this.buffer.splice(0, max);
  }

  /** Stops pulling; messages left in the buffer are read again by whoever starts next (from the committed sequence). */
  async stop(): Promise<void> {
    const messages = this.messages;
    this.generation += 1;
    this.messages = undefined;
    this.unwatchLag?.();
    this.unwatchLag = undefined;
    this.buffer = [];
    if (messages !== undefined) {
      await messages.close().catch((error: unknown) => this.logger.warn({ err: error }, 'closing a consumer failed'));
    }
  }

  private push(msg: JsMsg): void {
    const seq = msg.info.streamSequence;
    if (seq <= this.highestSeq) {
      msg.ack();
      return;
    }
    this.highestSeq = seq;
    this.serverPending = msg.info.pending;
    this.buffer.push(msg);
    this.wake();
  }
}
