import { createSocket, type Socket } from 'node:dgram';
import { ConfigException } from '@anvil/config';
import type { SyslogBatchPublisher } from './syslog-batch.publisher';
import { DEFAULT_SYSLOG_LIMITS } from './syslog.constants';
import { SyslogMetrics } from './syslog.metrics';
import { SyslogUdpListener } from './syslog-udp.listener';

/** The part of `SyslogBatchPublisher` the listener uses: takes lines until `room` runs out. */
class StubBatches {
  readonly lines: string[] = [];
  room = Infinity;
  bufferedBytes = 0;

  offer(line: string): boolean {
    if (this.room <= 0) {
      return false;
    }
    this.room -= 1;
    this.lines.push(line);
    return true;
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

describe(SyslogUdpListener.name, () => {
  let batches: StubBatches;
  let metrics: SyslogMetrics;
  let listener: SyslogUdpListener;
  let port: number;
  let sender: Socket;

  beforeEach(async () => {
    batches = new StubBatches();
    metrics = new SyslogMetrics();
    listener = new SyslogUdpListener(batches as unknown as SyslogBatchPublisher, metrics, {
      ...DEFAULT_SYSLOG_LIMITS,
      maxMessageBytes: 100,
    });
    port = await listener.listen({ host: '127.0.0.1', port: 0 }, 'ANVIL_SHIPPER_SYSLOG_UDP');
    sender = createSocket('udp4');
  });

  afterEach(async () => {
    sender.close();
    await listener.close();
  });

  const send = (text: string | Buffer): Promise<void> =>
    new Promise((resolve, reject) =>
      sender.send(text, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
    );

  it('takes each datagram as one message, without the line feed HAProxy ends it with', async () => {
    await send('<134>1 - - haproxy 1 - - {"a":1}\n');
    await send('<134>Nov 24 02:24:58 haproxy[1]: two\nlines\r\n');
    await until(() => batches.lines.length === 2);
    expect(batches.lines).toEqual(['<134>1 - - haproxy 1 - - {"a":1}', '<134>Nov 24 02:24:58 haproxy[1]: two\nlines']);
  });

  it('ignores empty datagrams', async () => {
    await send('\n');
    await send('<13>x');
    await until(() => batches.lines.length === 1);
    expect(batches.lines).toEqual(['<13>x']);
  });

  it('cuts an oversized datagram and counts it', async () => {
    const truncated = jest.spyOn(metrics, 'messageTruncated');
    await send('y'.repeat(500));
    await until(() => batches.lines.length === 1);
    expect(batches.lines[0]).toBe('y'.repeat(100));
    expect(truncated).toHaveBeenCalledWith('udp');
  });

  it('counts the datagrams it drops when the buffer is full', async () => {
    const dropped = jest.spyOn(metrics, 'messageDropped');
    batches.room = 3;
    for (let i = 0; i < 10; i += 1) {
      await send(`<13>m${i}`);
    }
    await until(() => dropped.mock.calls.length === 7);
    expect(dropped).toHaveBeenCalledWith('udp');
    expect(batches.lines).toEqual(['<13>m0', '<13>m1', '<13>m2']);
    expect(metrics.takeDroppedSinceLastReport()).toBe(7);
    expect(metrics.takeDroppedSinceLastReport()).toBe(0);
  });

  it('fails naming the setting when the port is in use', async () => {
    const other = new SyslogUdpListener(batches as unknown as SyslogBatchPublisher, metrics, DEFAULT_SYSLOG_LIMITS);
    const attempt = other.listen({ host: '127.0.0.1', port }, 'ANVIL_SHIPPER_SYSLOG_UDP');
    await expect(attempt).rejects.toThrow(ConfigException);
    await expect(attempt).rejects.toThrow(
      /ANVIL_SHIPPER_SYSLOG_UDP: cannot listen on 127\.0\.0\.1:\d+ \(udp\): .*EADDRINUSE/,
    );
  });
});
