import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigException } from '@anvil/config';
import { errorMessage } from '@anvil/bus';
import type { ListenAddress } from '../shipper.env';
import { frameText } from './frame-text.util';
import { SyslogBatchPublisher } from './syslog-batch.publisher';
import { SYSLOG_LIMITS, type SyslogLimits } from './syslog.constants';
import { SyslogMetrics } from './syslog.metrics';

// The kernel holds datagrams while the event loop is busy; Linux caps this at net.core.rmem_max.
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
const DROP_REPORT_INTERVAL_MS = 10_000;

/** Syslog over UDP (RFC 5426): one datagram, one message. Datagrams that find the buffer full are dropped and counted. */
@Injectable()
export class SyslogUdpListener {
  private readonly logger = new Logger(SyslogUdpListener.name);
  private socket?: Socket;
  private reportTimer?: NodeJS.Timeout;

  constructor(
    private readonly batches: SyslogBatchPublisher,
    private readonly metrics: SyslogMetrics,
    @Inject(SYSLOG_LIMITS) private readonly limits: SyslogLimits,
  ) {}

  /** Binds `address`; fails naming `setting` (e.g. the port is in use). Resolves with the port bound. */
  async listen(address: ListenAddress, setting: string): Promise<number> {
    const socket = createSocket({ type: isIPv6(address.host) ? 'udp6' : 'udp4', recvBufferSize: RECEIVE_BUFFER_BYTES });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(address.port, address.host, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      socket.close();
      throw new ConfigException(
        setting,
        `cannot listen on ${address.host}:${address.port} (udp): ${errorMessage(error)}`,
      );
    }
    socket.on('error', (error) => this.logger.error({ err: error }, 'syslog UDP socket error'));
    socket.on('message', (datagram) => this.receive(datagram));
    this.socket = socket;
    this.reportTimer = setInterval(() => this.reportDrops(), DROP_REPORT_INTERVAL_MS);
    this.reportTimer.unref();
    return socket.address().port;
  }

  /** Stops receiving. */
  async close(): Promise<void> {
    clearInterval(this.reportTimer);
    this.reportDrops();
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined) {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    }
  }

  private receive(datagram: Buffer): void {
    this.metrics.messageReceived('udp');
    const max = this.limits.maxMessageBytes;
    if (datagram.length > max) {
      this.metrics.messageTruncated('udp');
    }
    const line = frameText(datagram, 0, Math.min(datagram.length, max));
    if (line !== '' && !this.batches.offer(line)) {
      this.metrics.messageDropped('udp');
    }
  }

  private reportDrops(): void {
    const dropped = this.metrics.takeDroppedSinceLastReport();
    if (dropped > 0) {
      this.logger.warn(
        { dropped, bufferedBytes: this.batches.bufferedBytes },
        `dropped ${dropped} syslog datagram(s): the bus is slow or down and the buffer is full`,
      );
    }
  }
}
