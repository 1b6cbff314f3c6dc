/** A batch of lines sealed by a `LogBatchQueue`, waiting to be published (and retried) under its id. */
export interface PendingLogBatch {
  /** `<prefix>-<sequence>`: the `batch_id` and `Nats-Msg-Id`, the same on every retry. */
  readonly id: string;
  readonly sequence: number;
  readonly lines: readonly string[];
  /** Characters of the lines. */
  readonly chars: number;
  readonly batchedAt: Date;
  /** Dropped from the queue (buffer full) while it was being published: not retried. */
  dropped: boolean;
  /** The encoded message, kept for retries. */
  encoded?: Uint8Array;
}
