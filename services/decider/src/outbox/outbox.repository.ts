import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutboxRow } from '../decisions/commit-plan';

interface StoredRow {
  msg_id: string;
  subject: string;
  message_type: string;
  payload: Buffer;
}

/** `decider_outbox`: events committed with their decisions, published afterwards. */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The oldest unpublished events, in commit order. */
  async unpublished(limit: number): Promise<OutboxRow[]> {
    const rows = await this.dataSource.query<StoredRow[]>(
      `SELECT msg_id, subject, message_type, payload FROM decider_outbox
       WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ msgId: r.msg_id, subject: r.subject, messageType: r.message_type, payload: r.payload }));
  }

  async markPublished(msgIds: readonly string[]): Promise<void> {
    if (msgIds.length > 0) {
      await this.dataSource.query(
        `UPDATE decider_outbox SET published_at = now() WHERE msg_id = ANY($1::text[]) AND published_at IS NULL`,
        [msgIds],
      );
    }
  }

  /** Forgets events published longer ago than `retentionMs` (the decisions themselves stay in `decisions`). */
  async prune(retentionMs: number): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM decider_outbox WHERE published_at < now() - make_interval(secs => $1)`,
      [retentionMs / 1000],
    );
    return result[1];
  }
}
