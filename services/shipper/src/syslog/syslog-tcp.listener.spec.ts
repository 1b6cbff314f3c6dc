import { connect, type Socket } from 'node:net';
import { ConfigException } from '@anvil/config';
import type { SyslogBatchPublisher } from './syslog-batch.publisher';
import { DEFAULT_SYSLOG_LIMITS } from './syslog.constants';
import { SyslogMetrics } from './syslog.metrics';
import { SyslogTcpListener } from './syslog-tcp.listener';

/** The part of `SyslogBatchPublisher` the listener uses; `full` is set by the test. */
class StubBatches {
  readonly lines: string[] = [];
  full = false;
  private drainListener?: () => void;

  add(line: string): void {
    this.lines.push(line);
  }

  onDrain(listener: () => void): () => void {
    this.drainListener = listener;
    return () => (this.drainListener = undefined);
  }

  drain(): void {
    this.full = false;
    this.drainListener?.();
  }
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function client(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

const octet = (message: string): string => `${Buffer.byteLength(message)} ${message}`;

describe(SyslogTcpListener.name, () => {
  let batches: StubBatches;
  let metrics: SyslogMetrics;
  let listener: SyslogTcpListener;
  let port: number;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    batches = new StubBatches();
    metrics = new SyslogMetrics();
    listener = new SyslogTcpListener(batches as unknown as SyslogBatchPublisher, metrics, {
      ...DEFAULT_SYSLOG_LIMITS,
      maxMessageBytes: 1024,
    });
    port = await listener.listen({ host: '127.0.0.1', port: 0 }, 'ANVIL_SHIPPER_SYSLOG_TCP');
  });

  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.destroy());
    await listener.close();
  });

  async function open(): Promise<Socket> {
    const socket = await client(port);
    sockets.push(socket);
    return socket;
  }

  it('delivers octet-counted and newline-framed messages from several connections, each in order', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    a.write(octet('<134>1 - - haproxy 1 - - {"n":1}').slice(0, 7));
    b.write('<134>Nov 24 02:24:58 haproxy[1]: b1\n<134>Nov 24 02:24:58 haproxy[1]: b2\n');
    a.write(`${octet('<134>1 - - haproxy 1 - - {"n":1}').slice(7)}${octet('<134>1 - - haproxy 1 - - {"n":2}')}`);
    await until(() => batches.lines.length === 4);
    expect(batches.lines.filter((line) => line.startsWith('<134>1'))).toEqual([
      '<134>1 - - haproxy 1 - - {"n":1}',
      '<134>1 - - haproxy 1 - - {"n":2}',
    ]);
    expect(batches.lines.filter((line) => line.startsWith('<134>Nov'))).toEqual([
      '<134>Nov 24 02:24:58 haproxy[1]: b1',
      '<134>Nov 24 02:24:58 haproxy[1]: b2',
    ]);
  });

  it('cuts an oversized frame, delivers it and counts it', async () => {
    const truncated = jest.spyOn(metrics, 'messageTruncated');
    const socket = await open();
    socket.write(`${octet('x'.repeat(3000))}${octet('after')}`);
    await until(() => batches.lines.length === 2);
    expect(batches.lines).toEqual(['x'.repeat(1024), 'after']);
    expect(truncated).toHaveBeenCalledWith('tcp');
  });

  it('pauses every connection while the buffer is full and resumes them when it drains', async () => {
    const socket = await open();
    batches.full = true;
    socket.write('<13>first\n');
    await until(() => batches.lines.length === 1);
    const more = Array.from({ length: 2000 }, (_, i) => `<13>more ${i}\n`).join('');
    socket.write(more);
    // Paused: nothing more is read, however long we wait (the bytes stay in the kernel's buffers).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(batches.lines).toHaveLength(1);
    batches.drain();
    await until(() => batches.lines.length === 2001);
    expect(batches.lines[2000]).toBe('<13>more 1999');
  });

  it('survives garbage framing and keeps serving other connections', async () => {
    const bad = await open();
    bad.write(Buffer.from([0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x39, 0x20, 0xff, 0x00, 0x0a]));
    bad.write(Buffer.alloc(5000, 0x07));
    bad.end(Buffer.from('1234567890123 \u0000\n'));
    const good = await open();
    good.write('<13>still fine\n');
    await until(() => batches.lines.includes('<13>still fine'));
    await until(() => listener.connectionCount === 1);
  });

  it('delivers a last message without line feed when the peer closes', async () => {
    const socket = await open();
    socket.end('<13>no line feed');
    await until(() => batches.lines.length === 1);
    expect(batches.lines).toEqual(['<13>no line feed']);
  });

  it('closes its connections and delivers what they held on close', async () => {
    const socket = await open();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('<13>complete\n<13>partial');
    await until(() => batches.lines.length === 1);
    await listener.close();
    await closed;
    expect(batches.lines).toEqual(['<13>complete', '<13>partial']);
    expect(listener.connectionCount).toBe(0);
  });

  it('fails naming the setting when the port is in use', async () => {
    const other = new SyslogTcpListener(batches as unknown as SyslogBatchPublisher, metrics, DEFAULT_SYSLOG_LIMITS);
    const attempt = other.listen({ host: '127.0.0.1', port }, 'ANVIL_SHIPPER_SYSLOG_TCP');
    await expect(attempt).rejects.toThrow(ConfigException);
    await expect(attempt).rejects.toThrow(
      /ANVIL_SHIPPER_SYSLOG_TCP: cannot listen on 127\.0\.0\.1:\d+ \(tcp\): .*EADDRINUSE/,
    );
  });

  it('refuses connections past maxConnections', async () => {
    const small = new SyslogTcpListener(batches as unknown as SyslogBatchPublisher, metrics, {
      ...DEFAULT_SYSLOG_LIMITS,
      maxConnections: 1,
    });
    const smallPort = await small.listen({ host: '127.0.0.1', port: 0 }, 'ANVIL_SHIPPER_SYSLOG_TCP');
    try {
      const first = await client(smallPort);
      sockets.push(first);
      await until(() => small.connectionCount === 1);
      const second = await client(smallPort);
      sockets.push(second);
      await new Promise((resolve) => second.once('close', resolve));
      expect(small.connectionCount).toBe(1);
    } finally {
      await small.close();
    }
  });
});
