import type { NatsConnection, Subscription } from 'nats';

/**
 * The stream sequence a JetStream ack's reply subject names, or undefined. `$JS.ACK.<stream>.<consumer>.<delivered>.
 * <stream seq>.<consumer seq>.<time>.<pending>`, or with domain and account hash after `ACK` (12+ tokens).
 */
export function ackedStreamSequence(subject: string): number | undefined {
  const tokens = subject.split('.');
  const index = tokens.length === 9 ? 5 : tokens.length >= 12 ? 7 : -1;
  const seq = index < 0 ? NaN : Number(tokens[index]);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}

/**
 * Records when each of `count` messages from stream sequence `firstSeq` on is acked by a durable consumer, by
 * listening to the consumer's acks themselves (`$JS.ACK.<stream>.<durable>.>`: core NATS delivers a copy to every
 * subscriber). Exact per message and cheap; asking the server for the consumer's ack floor ten times a second
 * instead cost NATS a fifth of a core on a stream this size, and distorted what it measured.
 */
export class AckObserver {
  /** Ack time per message (ms since the epoch); NaN until acked. */
  readonly ackedAtMs: Float64Array;
  private remaining: number;
  private lastAckMs = NaN;
  private subscription: Subscription | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly stream: string,
    private readonly durable: string,
    private readonly firstSeq: number,
    count: number,
  ) {
    this.ackedAtMs = new Float64Array(count).fill(NaN);
    this.remaining = count;
  }

  /** Subscribes, and waits until the server has the subscription (so no ack is missed). */
  async start(): Promise<void> {
    this.subscription = this.nc.subscribe(`$JS.ACK.${this.stream}.${this.durable}.>`, {
      callback: (_error, msg) => {
        // "+ACK" (or empty) acks; "+WPI" (in progress), "-NAK", "+TERM" do not.
        if (msg.data.length > 0 && !(msg.data[0] === 0x2b && msg.data[1] === 0x41)) {
          return;
        }
        const seq = ackedStreamSequence(msg.subject);
        const i = seq === undefined ? -1 : seq - this.firstSeq;
        if (i >= 0 && i < this.ackedAtMs.length && Number.isNaN(this.ackedAtMs[i])) {
          this.lastAckMs = Date.now();
          this.ackedAtMs[i] = this.lastAckMs;
          this.remaining -= 1;
        }
      },
    });
    await this.nc.flush();
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  /**
   * Resolves with the time the last of the messages was acked; throws when no ack came for `stallMs` (the consumer
   * is stuck: the caller prints its logs).
   */
  async waitUntilAllAcked(stallMs: number): Promise<number> {
    let progressAt = Date.now();
    let remaining = this.remaining;
    while (this.remaining > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (this.remaining < remaining) {
        remaining = this.remaining;
        progressAt = Date.now();
      } else if (Date.now() - progressAt > stallMs) {
        throw new Error(`${this.durable}: ${this.remaining} message(s) not acked, none for ${stallMs} ms`);
      }
    }
    return this.lastAckMs;
  }
}
