import { Logger } from '@nestjs/common';
import type { JsMsg } from 'nats';
import { ALL_CONTRACTS, STREAMS } from '@anvil/contracts';
import { backoffDelay } from './backoff.util';
import type { BusConnection } from './bus-connection';
import { BUS_METRICS, type ConsumerCounters } from './bus-metrics';
import { CONSUMER_DEFAULTS } from './bus.constants';
import type { ConsumerRunnerOptions } from './consumer-runner.options';
import { withConsumerSpan } from './consumer-span.util';
import { deadLetter, type DeadLetterTarget } from './dead-letter';
import { decodeMessage, errorMessage } from './decode-message.util';
import type { Delivery } from './delivery';
import { ensureConsumer } from './ensure-consumer';
import { headersToRecord } from './headers.util';
import { MessagePuller } from './message-puller';
import { PermanentError } from './permanent.error';

const MAX_SPAN_LINKS = 127;

interface Decoded {
  readonly msg: JsMsg;
  readonly delivery: Delivery;
}

/**
 * Runs one handler on a durable pull consumer: bounded concurrency (or batches), decode + check before the handler,
 * ack after it resolves, nak with backoff when it throws, dead-letter poison messages, graceful drain on `stop()`.
 */
export class ConsumerRunner {
  private readonly logger = new Logger(ConsumerRunner.name);
  private readonly label: string;
  private readonly target: DeadLetterTarget;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly maxDeliver: number;
  private readonly backoffMs: readonly number[];
  private readonly ackWaitMs: number;
  private readonly counters: ConsumerCounters;
  private readonly buffer: JsMsg[] = [];
  private readonly tasks = new Set<Promise<void>>();
  private firstBufferedAt = 0;
  private inFlightMessages = 0;
  private puller: MessagePuller | undefined;
  private lingerTimer: NodeJS.Timeout | undefined;
  private stopRequested = false;
  private stopped: Promise<void> | undefined;
  private unregister: (() => void) | undefined;
  private unwatchLag: (() => void) | undefined;

  constructor(
    private readonly bus: BusConnection,
    private readonly options: ConsumerRunnerOptions,
  ) {
    this.target = { service: options.service, stream: STREAMS[options.stream].name, consumer: options.durable };
    this.label = `${this.target.stream}/${options.durable}`;
    this.concurrency = Math.max(1, options.concurrency ?? CONSUMER_DEFAULTS.concurrency);
    this.batchSize = options.batch === true ? Math.max(1, options.batchSize ?? CONSUMER_DEFAULTS.batchSize) : 1;
    this.maxDeliver = Math.max(1, options.maxDeliver ?? CONSUMER_DEFAULTS.maxDeliver);
    this.backoffMs = options.backoffMs ?? CONSUMER_DEFAULTS.backoffMs;
    this.ackWaitMs = options.ackWaitMs ?? CONSUMER_DEFAULTS.ackWaitMs;
    this.counters = BUS_METRICS.consumer(options.durable);
  }

  /** Creates or updates the durable consumer and starts pulling. */
  async start(): Promise<void> {
    const stream = this.bus.namespace.stream(this.target.stream);
    await ensureConsumer(this.bus, {
      stream,
      durable: this.options.durable,
      filterSubject: this.bus.namespace.subject(this.options.filterSubject),
      maxDeliver: this.maxDeliver,
      ackWaitMs: this.ackWaitMs,
      // Shared by all replicas of the durable: leave room for several of them.
      maxAckPending: Math.max(1000, 10 * this.concurrency * this.batchSize),
    });
    const consumer = await this.bus.js.consumers.get(stream, this.options.durable);
    this.puller = new MessagePuller(
      consumer,
      this.label,
      () => this.credit(),
      (msg) => this.accept(msg),
      this.options.pullExpiresMs ?? CONSUMER_DEFAULTS.pullExpiresMs,
    );
    this.unregister = this.bus.beforeClose(() => this.stop());
    // Read at scrape time, never per message.
    this.unwatchLag = BUS_METRICS.watchLag(this.options.durable, async () => {
      const info = await consumer.info();
      return info.num_pending + info.num_ack_pending;
    });
    this.puller.start();
  }

  /**
   * Stops pulling, hands buffered messages back (nak), waits for handlers in flight (at most `drainTimeoutMs`)
   * and flushes their acks. Idempotent.
   */
  stop(): Promise<void> {
    this.stopped ??= this.drain();
    return this.stopped;
  }

  private async drain(): Promise<void> {
    this.stopRequested = true;
    clearTimeout(this.lingerTimer);
    this.settle(this.buffer.splice(0), (msg) => msg.nak());
    await Promise.all([this.puller?.stop(), this.waitForTasks()]);
    this.unregister?.();
    this.unwatchLag?.();
    if (!this.bus.nc.isClosed()) {
      await this.bus.nc.flush();
    }
  }

  private async waitForTasks(): Promise<void> {
    const timeoutMs = this.options.drainTimeoutMs ?? CONSUMER_DEFAULTS.drainTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
    const finished = Promise.allSettled([...this.tasks]).then(() => false);
    if (await Promise.race([finished, timedOut])) {
      this.logger.warn(`${this.label}: ${this.tasks.size} handler(s) still running after ${timeoutMs} ms of drain`);
    }
    clearTimeout(timer);
  }

  /** How many more messages may be pulled: messages wait in the stream, not here. */
  private credit(): number {
    const capacity = this.options.batch === true ? this.batchSize * (this.concurrency + 1) : this.concurrency;
    return capacity - this.buffer.length - this.inFlightMessages;
  }

  private accept(msg: JsMsg): void {
    if (this.stopRequested) {
      this.settle([msg], (late) => late.nak());
      return;
    }
    if (this.buffer.length === 0) {
      this.firstBufferedAt = Date.now();
    }
    this.buffer.push(msg);
    this.pump();
  }

  private pump(): void {
    if (this.stopRequested) {
      return;
    }
    const options = this.options;
    if (options.batch !== true) {
      while (this.tasks.size < this.concurrency && this.buffer.length > 0) {
        const msg = this.buffer.shift() as JsMsg;
        this.track([msg], this.processOne(msg, options.handle));
      }
      return;
    }
    while (this.tasks.size < this.concurrency && this.buffer.length > 0) {
      const waited = Date.now() - this.firstBufferedAt;
      const linger = CONSUMER_DEFAULTS.batchLingerMs;
      if (this.buffer.length < this.batchSize && waited < linger) {
        this.lingerTimer ??= setTimeout(() => {
          this.lingerTimer = undefined;
          this.pump();
        }, linger - waited);
        return;
      }
      const msgs = this.buffer.splice(0, this.batchSize);
      this.firstBufferedAt = Date.now();
      this.track(msgs, this.processBatch(msgs, options.handle));
    }
  }

  private track(msgs: readonly JsMsg[], task: Promise<void>): void {
    this.inFlightMessages += msgs.length;
    const tracked = task.finally(() => {
      this.tasks.delete(tracked);
      this.inFlightMessages -= msgs.length;
      this.puller?.notify();
      this.pump();
    });
    this.tasks.add(tracked);
  }

  private async processOne(msg: JsMsg, handle: (delivery: Delivery) => Promise<void>): Promise<void> {
    const decoded = await this.decode(msg);
    if (decoded === undefined) {
      return;
    }
    const progress = this.signalProgress([msg]);
    try {
      await withConsumerSpan(this.spanInput([decoded]), () => handle(decoded.delivery));
      this.settle([msg], (done) => done.ack());
      this.counters.acked.inc();
    } catch (error) {
      await this.handleFailure([msg], error);
    } finally {
      clearInterval(progress);
    }
  }

  private async processBatch(msgs: readonly JsMsg[], handle: (deliveries: Delivery[]) => Promise<void>): Promise<void> {
    // A malformed message is dead-lettered alone; the rest of the batch goes on.
    const decoded: Decoded[] = [];
    const rejected: Promise<void>[] = [];
    for (const msg of msgs) {
      const result = this.tryDecode(msg);
      if ('problem' in result) {
        rejected.push(this.deadLetterOrRetry(msg, result.problem));
      } else {
        decoded.push(result);
      }
    }
    await Promise.all(rejected);
    if (decoded.length === 0) {
      return;
    }
    const good = decoded.map((d) => d.msg);
    const progress = this.signalProgress(good);
    try {
      await withConsumerSpan(this.spanInput(decoded), () => handle(decoded.map((d) => d.delivery)));
      this.settle(good, (done) => done.ack());
      this.counters.acked.inc(good.length);
    } catch (error) {
      await this.handleFailure(good, error);
    } finally {
      clearInterval(progress);
    }
  }

  /** The decoded delivery, or undefined after dead-lettering a message that does not decode or fails its checks. */
  private async decode(msg: JsMsg): Promise<Decoded | undefined> {
    const result = this.tryDecode(msg);
    if ('problem' in result) {
      await this.deadLetterOrRetry(msg, result.problem);
      return undefined;
    }
    return result;
  }

  /** Decodes and checks `msg` (synchronously: a batch of thousands costs no promise per message). */
  private tryDecode(msg: JsMsg): Decoded | { readonly problem: string } {
    let subject: string;
    try {
      subject = this.bus.namespace.strip(msg.subject);
    } catch (error) {
      return { problem: `malformed: ${errorMessage(error)}` };
    }
    const result = decodeMessage(this.options.contracts ?? ALL_CONTRACTS, subject, msg.data);
    if (!result.ok) {
      return { problem: `malformed: ${result.problem}` };
    }
    return { msg, delivery: lazyHeadersDelivery(msg, subject, result.message) };
  }

  private async handleFailure(msgs: readonly JsMsg[], error: unknown): Promise<void> {
    const message = errorMessage(error);
    const permanent = error instanceof PermanentError || PermanentError.isPayload(error);
    await Promise.all(
      msgs.map(async (msg) => {
        const deliveries = msg.info.deliveryCount;
        if (permanent) {
          await this.deadLetterOrRetry(msg, `permanent failure: ${message}`);
        } else if (deliveries >= this.maxDeliver) {
          await this.deadLetterOrRetry(msg, `handler failed after ${deliveries} deliveries: ${message}`);
        } else {
          this.logger.warn(`${this.label}: delivery ${deliveries} of ${msg.subject} failed, retrying: ${message}`);
          this.settle([msg], (failed) => failed.nak(backoffDelay(this.backoffMs, deliveries)));
          this.counters.retried.inc();
        }
      }),
    );
  }

  /** Dead-letters `msg`; if the DLQ publish fails, the message comes back later instead of being lost. */
  private async deadLetterOrRetry(msg: JsMsg, reason: string): Promise<void> {
    try {
      await deadLetter(this.bus, this.target, msg, reason);
      this.counters.deadLettered.inc();
      this.logger.warn(
        `${this.label}: dead-lettered ${msg.subject} (stream seq ${msg.info.streamSequence}): ${reason}`,
      );
    } catch (error) {
      this.logger.error(`${this.label}: dead-lettering failed, will retry: ${errorMessage(error)}`);
      this.settle([msg], (failed) => failed.nak(backoffDelay(this.backoffMs, msg.info.deliveryCount)));
    }
  }

  /** Acks, naks or terms; after the connection closed this can only be logged (the message is redelivered). */
  private settle(msgs: readonly JsMsg[], action: (msg: JsMsg) => void): void {
    for (const msg of msgs) {
      try {
        action(msg);
      } catch (error) {
        this.logger.error(`${this.label}: cannot settle ${msg.subject}: ${errorMessage(error)}`);
      }
    }
  }

  /** Tells the server a long handler is alive, so ack_wait does not redeliver its messages meanwhile. */
  private signalProgress(msgs: readonly JsMsg[]): NodeJS.Timeout {
    const timer = setInterval(() => this.settle(msgs, (msg) => msg.working()), Math.max(1000, this.ackWaitMs / 3));
    timer.unref();
    return timer;
  }

  private spanInput(decoded: readonly Decoded[]): Parameters<typeof withConsumerSpan>[0] {
    const [first, ...rest] = decoded as [Decoded, ...Decoded[]];
    return {
      name: `process ${this.options.filterSubject}`,
      headers: first.delivery.headers,
      // OpenTelemetry keeps 128 links per span by default: reading the headers of the rest would be wasted work.
      linkedHeaders: rest.slice(0, MAX_SPAN_LINKS).map((d) => d.delivery.headers),
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': first.msg.subject,
        'messaging.consumer.group.name': this.options.durable,
        'messaging.batch.message_count': decoded.length,
      },
    };
  }
}

/** A delivery whose headers are parsed on first use: most handlers of a batch never read them. */
function lazyHeadersDelivery(msg: JsMsg, subject: string, message: unknown): Delivery {
  let headers: Record<string, string> | undefined;
  return {
    message,
    subject,
    deliveryCount: msg.info.deliveryCount,
    get headers() {
      headers ??= headersToRecord(msg.headers);
      return headers;
    },
  };
}
