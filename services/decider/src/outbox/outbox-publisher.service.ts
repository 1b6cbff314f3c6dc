import { Injectable, Logger } from '@nestjs/common';
import { BUS_HEADERS, Publisher, PROTOBUF_CONTENT_TYPE } from '@anvil/bus';
import type { OutboxRow } from '../decisions/commit-plan';
import { OutboxRepository } from './outbox.repository';

const FLUSH_PAGE = 500;

/**
 * Publishes committed events, then marks them published. A crash or a failed publish leaves rows unpublished;
 * `flush()` sends them (oldest first) before anything newer. `Nats-Msg-Id` is the business key, so an event
 * published twice within the stream's duplicate window is stored once.
 */
@Injectable()
export class OutboxPublisher {
  private readonly logger = new Logger(OutboxPublisher.name);
  private pending = true;

  constructor(
    private readonly publisher: Publisher,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Whether older events may still wait in the outbox (after a start or a failed publish). */
  get hasBacklog(): boolean {
    return this.pending;
  }

  /** Publishes the rows of one commit, in order; on failure they stay in the outbox for `flush()`. */
  async publish(rows: readonly OutboxRow[]): Promise<boolean> {
    if (rows.length === 0) {
      return true;
    }
    if (this.pending) {
      // Older events first.
      return await this.flush();
    }
    return await this.send(rows);
  }

  /** Publishes every unpublished row, oldest first. True when the outbox is empty afterwards. */
  async flush(): Promise<boolean> {
    for (;;) {
      const rows = await this.outbox.unpublished(FLUSH_PAGE);
      if (rows.length === 0) {
        this.pending = false;
        return true;
      }
      if (!(await this.send(rows))) {
        return false;
      }
    }
  }

  private async send(rows: readonly OutboxRow[]): Promise<boolean> {
    // Sent in order on one connection; the acks are awaited together.
    const results = await Promise.allSettled(
      rows.map((row) =>
        this.publisher.publishRaw(row.subject, row.payload, {
          [BUS_HEADERS.msgId]: row.msgId,
          [BUS_HEADERS.contentType]: PROTOBUF_CONTENT_TYPE,
          [BUS_HEADERS.message]: row.messageType,
        }),
      ),
    );
    const sent = rows.filter((_, i) => results[i].status === 'fulfilled').map((row) => row.msgId);
    await this.outbox.markPublished(sent);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) {
      this.pending = true;
      this.logger.warn(
        { err: failed.reason as unknown, failed: rows.length - sent.length },
        'publishing decision events failed; they stay in the outbox and are retried',
      );
      return false;
    }
    return true;
  }
}
