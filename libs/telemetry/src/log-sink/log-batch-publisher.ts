import type { PendingLogBatch } from './pending-log-batch';

/** Where a `LogSink` sends its batches. */
export interface LogBatchPublisher {
  /** What the batches go to (a subject), for the sink's notices. */
  readonly target: string;
  /** Resolves once the batch is stored (the stream acked it); rejects otherwise, and the sink retries. */
  publish(batch: PendingLogBatch): Promise<void>;
}
