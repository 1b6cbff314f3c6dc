import { createServer, type Server, type Socket } from 'node:net';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigException } from '@anvil/config';
import { errorMessage } from '@anvil/bus';
import type { ListenAddress } from '../shipper.env';
import { SyslogBatchPublisher } from './syslog-batch.publisher';
import { SyslogFrameDecoder } from './syslog-frame.decoder';
import { SYSLOG_LIMITS, type SyslogLimits } from './syslog.constants';
import { SyslogMetrics } from './syslog.metrics';

/**
 * Syslog over TCP (RFC 6587, octet counting or newline framing, per frame). While the lines waiting for the bus fill
 * the buffer, every connection is paused (the sender's kernel buffer, then the sender, holds the rest) and resumed
 * once half of it is free.
 */
@Injectable()
export class SyslogTcpListener {
  private readonly logger = new Logger(SyslogTcpListener.name);
  private server?: Server;
  private readonly connections = new Map<Socket, SyslogFrameDecoder>();
  private readonly paused = new Set<Socket>();
  private stopDrainListener?: () => void;

  constructor(
    private readonly batches: SyslogBatchPublisher,
    private readonly metrics: SyslogMetrics,
    @Inject(SYSLOG_LIMITS) private readonly limits: SyslogLimits,
  ) {}

  /** Listens on `address`; fails naming `setting` (e.g. the port is in use). Resolves with the port bound. */
  async listen(address: ListenAddress, setting: string): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    server.maxConnections = this.limits.maxConnections;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(address.port, address.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      throw new ConfigException(
        setting,
        `cannot listen on ${address.host}:${address.port} (tcp): ${errorMessage(error)}`,
      );
    }
    server.on('error', (error) => this.logger.error({ err: error }, 'syslog TCP server error'));
    this.server = server;
    this.stopDrainListener = this.batches.onDrain(() => this.resumeAll());
    const bound = server.address();
    return typeof bound === 'object' && bound !== null ? bound.port : address.port;
  }

  /** Connections open now. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, delivers what each connection holds, closes them. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.stopDrainListener?.();
    if (server === undefined) {
      return;
    }
    const closed: Promise<void>[] = [new Promise<void>((resolve) => server.close(() => resolve()))];
    // Delivered here: the server may report closed before each socket's own close event.
    for (const [socket, decoder] of this.connections) {
      decoder.end();
      closed.push(new Promise<void>((resolve) => socket.once('close', () => resolve())));
      socket.destroy();
    }
    await Promise.all(closed);
  }

  private accept(socket: Socket): void {
    const decoder = new SyslogFrameDecoder(this.limits.maxMessageBytes, (message, truncated) => {
      this.metrics.messageReceived('tcp');
      if (truncated) {
        this.metrics.messageTruncated('tcp');
      }
      this.batches.add(message);
    });
    this.connections.set(socket, decoder);
    socket.on('data', (chunk: Buffer) => {
      decoder.push(chunk);
      if (this.batches.full && !this.paused.has(socket)) {
        socket.pause();
        this.paused.add(socket);
        this.metrics.pausedConnections(this.paused.size);
      }
    });
    socket.on('error', (error) => this.logger.debug({ err: error }, 'syslog TCP connection error'));
    // After the peer's end, an error or our destroy: a last message without its line feed is still delivered.
    socket.on('close', () => {
      decoder.end();
      this.connections.delete(socket);
      if (this.paused.delete(socket)) {
        this.metrics.pausedConnections(this.paused.size);
      }
    });
  }

  private resumeAll(): void {
    for (const socket of this.paused) {
      socket.resume();
    }
    this.paused.clear();
    this.metrics.pausedConnections(0);
  }
}
