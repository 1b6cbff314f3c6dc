import { Logger } from '@nestjs/common';
import type { Consumer, JsMsg } from 'nats';
import { errorMessage } from './decode-message.util';

const RETRY_AFTER_ERROR_MS = 1_000;

/**
 * Pulls from a durable consumer, never asking for more than `credit()` messages, so messages wait in the stream
 * (where another replica can take them) rather than in this process. One pull request is open at a time.
 */
export class MessagePuller {
  private readonly logger = new Logger(MessagePuller.name);
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly consumer: Consumer,
    /** For logs: `<stream>/<durable>`. */
    private readonly label: string,
    private readonly credit: () => number,
    private readonly onMessage: (msg: JsMsg) => void,
    private readonly expiresMs: number,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Call when credit was freed. */
  notify(): void {
    this.wake?.();
  }

  /** Stops pulling; resolves when the open pull request has ended (messages arriving late are the caller's to nak). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const credit = this.credit();
      if (credit <= 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      try {
        // Not stopped early on stop(): the server would keep sending to a closed inbox, delaying those messages
        // by ack_wait. Ending naturally (≤ expiresMs) lets the caller nak late arrivals at once.
        const messages = await this.consumer.fetch({ max_messages: credit, expires: this.expiresMs });
        for await (const msg of messages) {
          this.onMessage(msg);
        }
      } catch (error) {
        if (this.stopping) {
          return;
        }
        this.logger.warn(`pull from ${this.label} failed, retrying: ${errorMessage(error)}`);
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, RETRY_AFTER_ERROR_MS).unref();
        });
        this.wake = undefined;
      }
    }
  }
}
