/**
 * Size limits of the batches a log sink publishes. A batch's UTF-8 size is at most 3 bytes per character, so
 * 256 Ki characters stay under NATS's default `max_payload` (1 MiB) with room for the protobuf framing.
 */
export const LOG_SINK_LIMITS = {
  /** A batch is sent once it holds this many lines... */
  batchLines: 1000,
  /** ...or this many characters. */
  batchChars: 256 * 1024,
  /** A longer line is replaced, on the bus only, by a line saying so with its start (stdout has it whole). */
  maxLineChars: 128 * 1024,
  /**
   * While the bus does not take the lines, a sink holds ANVIL_LOG_BUFFER_LINES lines, and at most this many
   * characters per line of it on average: 100,000 lines of up to `maxLineChars` each would otherwise be gigabytes.
   */
  bufferCharsPerLine: 512,
  /** First wait after a failed publish; it doubles up to `retryMaxMs`. */
  retryMinMs: 100,
  retryMaxMs: 5000,
  /** How long one publish may wait for the stream's ack. */
  publishTimeoutMs: 5000,
  /** How long `close()` waits for the buffered lines to be published. */
  closeTimeoutMs: 3000,
} as const;
