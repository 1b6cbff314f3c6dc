import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';

/** How a syslog message came in. */
export type SyslogTransport = 'udp' | 'tcp';

// On prom-client's default registry (the process's), which `/metrics` serves; created once per process.
const received = new Counter({
  name: 'anvil_shipper_syslog_messages_total',
  help: 'Syslog messages received from HAProxy, by transport.',
  labelNames: ['transport'],
});
const dropped = new Counter({
  name: 'anvil_shipper_syslog_dropped_total',
  help: 'Syslog datagrams dropped because the lines waiting for the bus filled the buffer (UDP has no backpressure).',
  labelNames: ['transport'],
});
const truncated = new Counter({
  name: 'anvil_shipper_syslog_truncated_total',
  help: 'Syslog messages longer than the limit, cut and published (indexed as raw lines with a parse error).',
  labelNames: ['transport'],
});
const published = new Counter({
  name: 'anvil_shipper_syslog_published_lines_total',
  help: 'Syslog lines stored on anvil.access.haproxy.',
});
const publishFailures = new Counter({
  name: 'anvil_shipper_syslog_publish_failures_total',
  help: 'Attempts to publish a batch of syslog lines that failed (retried with the same batch id).',
});
const buffered = new Gauge({
  name: 'anvil_shipper_syslog_buffered_bytes',
  help: 'Bytes of syslog lines held in memory, not yet stored on the bus.',
});
const paused = new Gauge({
  name: 'anvil_shipper_syslog_paused_connections',
  help: 'Syslog TCP connections paused because the bus is slow or down.',
});

/** The syslog listener's Prometheus metrics; every update is an addition, never I/O. */
@Injectable()
export class SyslogMetrics {
  private readonly received = { udp: received.labels('udp'), tcp: received.labels('tcp') };
  private readonly dropped = { udp: dropped.labels('udp'), tcp: dropped.labels('tcp') };
  private readonly truncated = { udp: truncated.labels('udp'), tcp: truncated.labels('tcp') };
  private droppedUnreported = 0;

  messageReceived(transport: SyslogTransport): void {
    this.received[transport].inc();
  }

  messageDropped(transport: SyslogTransport): void {
    this.dropped[transport].inc();
    this.droppedUnreported += 1;
  }

  messageTruncated(transport: SyslogTransport): void {
    this.truncated[transport].inc();
  }

  linesPublished(count: number): void {
    published.inc(count);
  }

  publishFailed(): void {
    publishFailures.inc();
  }

  bufferedBytes(bytes: number): void {
    buffered.set(bytes);
  }

  pausedConnections(count: number): void {
    paused.set(count);
  }

  /** Messages dropped since the last call, for a log line (the counter itself keeps the total). */
  takeDroppedSinceLastReport(): number {
    const count = this.droppedUnreported;
    this.droppedUnreported = 0;
    return count;
  }
}
