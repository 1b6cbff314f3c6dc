import { randomBytes } from 'node:crypto';
import { toBinary } from '@bufbuild/protobuf';
import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from 'nats';
import { BUS_HEADERS, PROTOBUF_CONTENT_TYPE, type BusNamespace } from '@anvil/bus';
import { CONTRACTS, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';

const CONTRACT = CONTRACTS.jobStateChanged;
const DECODER = new TextDecoder();

/**
 * Publishes job events to JetStream the way an async publisher does (nats.go's `PublishAsync`): each message goes
 * out at once with a reply subject on one shared inbox, and the stream acks are counted as they come back, with at
 * most `window` outstanding. Subject, payload and headers are those of `Publisher.publish` (`Nats-Msg-Id` = the
 * contract's business key, content type, message name, a `traceparent`). `Publisher.publish` itself is a request
 * per message (a promise, a timer and two Error objects each in nats.js, plus random trace ids): about 80 µs of CPU
 * per message here, which would make the load generator the bottleneck on a 2-core machine.
 */
export class AsyncJobPublisher {
  private readonly inbox = createInbox();
  private readonly subscription: Subscription;
  // traceparent ids: a random prefix per publisher and a counter (valid, unique, cheap).
  private readonly tracePrefix = randomBytes(8).toString('hex');
  private sent = 0;
  private acked = 0;
  private wake: (() => void) | undefined;
  private readonly errors: string[] = [];
  private duplicates = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: BusNamespace,
    private readonly window: number,
  ) {
    this.subscription = nc.subscribe(this.inbox, { callback: (_error, msg) => this.onAck(msg) });
  }

  get full(): boolean {
    return this.sent - this.acked >= this.window;
  }

  /** Publishes one event (call only when not `full`). */
  publish(event: JobStateChanged): void {
    const h = headers();
    h.set(BUS_HEADERS.msgId, CONTRACT.businessKey(event));
    h.set(BUS_HEADERS.contentType, PROTOBUF_CONTENT_TYPE);
    h.set(BUS_HEADERS.message, CONTRACT.schema.typeName);
    const n = (this.sent += 1).toString(16).padStart(16, '0');
    h.set(BUS_HEADERS.traceparent, `00-${this.tracePrefix}${n}-${n}-01`);
    this.nc.publish(this.namespace.subject(CONTRACT.subject(event)), toBinary(JobStateChangedSchema, event), {
      reply: this.inbox,
      headers: h,
    });
  }

  /**
   * Resolves once at most half the window is outstanding (refilling it in bursts lets publishes share socket
   * writes), or everything is acked when `all`. Throws when no ack arrived for `stallMs`.
   */
  async settle(all = false, stallMs = 30_000): Promise<void> {
    const target = all ? 0 : Math.floor(this.window / 2);
    while (this.sent - this.acked > target) {
      const before = this.acked;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, stallMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
      if (this.acked === before) {
        throw new Error(`no stream ack for ${stallMs} ms with ${this.sent - this.acked} publishes outstanding`);
      }
    }
  }

  /** Publishes the stream refused (an error ack); the bench fails on any. */
  get failed(): readonly string[] {
    return this.errors;
  }

  /** Publishes the stream dropped as duplicates of an earlier `Nats-Msg-Id` (none expected). */
  get duplicated(): number {
    return this.duplicates;
  }

  close(): void {
    this.subscription.unsubscribe();
  }

  private onAck(msg: Msg): void {
    this.acked += 1;
    if (msg.headers?.hasError === true) {
      this.errors.push(`${msg.headers.code} ${msg.headers.description}`);
    } else {
      const ack = JSON.parse(DECODER.decode(msg.data)) as { error?: { description?: string }; duplicate?: boolean };
      if (ack.error !== undefined) {
        this.errors.push(ack.error.description ?? 'stream error');
      } else if (ack.duplicate === true) {
        this.duplicates += 1;
      }
    }
    if (this.wake !== undefined && this.sent - this.acked <= this.window / 2) {
      this.wake();
    }
  }
}
