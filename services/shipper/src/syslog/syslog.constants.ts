/** `source` of the batches, subject `anvil.access.haproxy`, and `service.name` of the documents. */
export const HAPROXY_SOURCE = 'haproxy';

/** Injection token of the listeners' `SyslogLimits`. */
export const SYSLOG_LIMITS = Symbol('SYSLOG_LIMITS');

/** Bounds of the syslog listeners; fixed in production, smaller in tests. */
export interface SyslogLimits {
  /** A longer message (datagram or TCP frame) is cut to this many bytes and still published. */
  readonly maxMessageBytes: number;
  /** A batch is published once it holds this many lines... */
  readonly batchMaxLines: number;
  /** ...or this many bytes of lines (NATS refuses messages over its max_payload, 1 MiB by default)... */
  readonly batchMaxBytes: number;
  /** ...or its first line has waited this long. */
  readonly batchLingerMs: number;
  /**
   * Bytes of lines held while the bus is slow or down (waiting, and in the batch being published): past it, TCP
   * connections are paused and UDP datagrams dropped (and counted). TCP resumes below half of it.
   */
  readonly maxBufferedBytes: number;
  /** Delays between attempts to publish a batch the bus refused; the last one repeats. */
  readonly retryDelaysMs: readonly number[];
  /** At shutdown, how long the lines still held may take to be published before they are given up (and logged). */
  readonly flushTimeoutMs: number;
  /** TCP connections at once; more are refused. */
  readonly maxConnections: number;
}

// A line is at most 64 KiB (HAProxy sends at most `len 8192`); 512 KiB batches stay under NATS's 1 MiB payload
// limit; 32 MiB of lines are ~50,000 access lines, over a second of HAProxy's traffic at full load.
export const DEFAULT_SYSLOG_LIMITS: SyslogLimits = {
  maxMessageBytes: 64 * 1024,
  batchMaxLines: 1000,
  batchMaxBytes: 512 * 1024,
  batchLingerMs: 50,
  maxBufferedBytes: 32 * 1024 * 1024,
  retryDelaysMs: [100, 250, 500, 1000, 2000, 5000],
  flushTimeoutMs: 5000,
  maxConnections: 256,
};
