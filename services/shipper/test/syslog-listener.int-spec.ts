import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';
import { expectEventually, freePort, ServiceProcess } from '@anvil/testing';
import { httpStatus, metricValue, ShipperTestEnv } from './shipper-fixtures';
import { haproxyBatches } from './syslog-stream';

// The built shipper's syslog listeners against the real NATS: what arrives over UDP and TCP is on
// anvil.access.haproxy once, as it was sent, in batches with ids a retry keeps.
describe('shipper syslog listener', () => {
  let env: ShipperTestEnv;
  let shipper: ServiceProcess;
  let port: number;
  let udpPort: number;
  let tcpPort: number;
  let udp: UdpSocket;

  const withOutput = (error: unknown): never => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${shipper.describe()}`);
  };

  beforeAll(async () => {
    env = await ShipperTestEnv.create();
    [udpPort, tcpPort] = await Promise.all([freePort(), freePort()]);
    ({ shipper, port } = await env.startShipper({
      ANVIL_SHIPPER_SYSLOG_UDP: `127.0.0.1:${udpPort}`,
      ANVIL_SHIPPER_SYSLOG_TCP: `127.0.0.1:${tcpPort}`,
    }));
    await expectEventually(async () => expect(await httpStatus(port, '/readyz')).toBe(200), {
      timeoutMs: 30_000,
    }).catch(withOutput);
    expect(shipper.logs.find((line) => line.message === 'syslog listeners ready')).toMatchObject({
      udp: `127.0.0.1:${udpPort}`,
      tcp: `127.0.0.1:${tcpPort}`,
    });
    udp = createSocket('udp4');
  });

  afterAll(async () => {
    udp?.close();
    await env?.cleanup();
  });

  const sendUdp = (text: string): Promise<void> =>
    new Promise((resolve, reject) => udp.send(`${text}\n`, udpPort, '127.0.0.1', (e) => (e ? reject(e) : resolve())));

  const openTcp = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const socket = connect(tcpPort, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
    });

  const octet = (message: string): string => `${Buffer.byteLength(message)} ${message}`;
  const line = (transport: string, i: number): string =>
    `<134>1 2026-11-24T02:16:21.830437+00:00 lb haproxy 1 - - {"request_id":"${transport}-${i}","method":"GET","uri":"/é","status":200}`;

  it('publishes every UDP datagram and TCP frame to anvil.access.haproxy exactly once, as sent', async () => {
    const udpLines = Array.from({ length: 200 }, (_, i) => line('udp', i));
    const tcpLines = Array.from({ length: 300 }, (_, i) => line('tcp', i));
    for (const text of udpLines) {
      await sendUdp(text);
    }
    // Two connections: one octet-counted, one newline-framed, both written in chunks that split frames.
    const [counted, newline] = await Promise.all([openTcp(), openTcp()]);
    const countedStream = tcpLines.slice(0, 150).map(octet).join('');
    const newlineStream = tcpLines
      .slice(150)
      .map((text) => `${text}\n`)
      .join('');
    for (let at = 0; at < Math.max(countedStream.length, newlineStream.length); at += 997) {
      counted.write(countedStream.slice(at, at + 997));
      newline.write(newlineStream.slice(at, at + 997));
    }
    counted.end();
    newline.end();

    const sent = [...udpLines, ...tcpLines];
    const received = await expectEventually(
      async () => {
        const lines = (await haproxyBatches(env.testBus.bus)).flatMap((stored) => stored.batch.lines);
        expect(lines.length).toBeGreaterThanOrEqual(sent.length);
        return lines;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    ).catch(withOutput);
    expect([...received].sort()).toEqual([...sent].sort());
    // In order within each connection (and UDP from one socket on loopback).
    expect(received.filter((text) => text.includes('"tcp-') && Number(/tcp-(\d+)/.exec(text)?.[1]) < 150)).toEqual(
      tcpLines.slice(0, 150),
    );
    expect(received.filter((text) => text.includes('"udp-'))).toEqual(udpLines);

    expect(await metricValue(port, 'anvil_shipper_syslog_messages_total{transport="udp"}')).toBe(200);
    expect(await metricValue(port, 'anvil_shipper_syslog_messages_total{transport="tcp"}')).toBe(300);
    // Counted once the stream's ack is back, a moment after the lines are readable.
    await expectEventually(async () =>
      expect(await metricValue(port, 'anvil_shipper_syslog_published_lines_total')).toBe(500),
    );
    expect(await metricValue(port, 'anvil_shipper_syslog_dropped_total{transport="udp"}')).toBe(0);

    const batches = await haproxyBatches(env.testBus.bus);
    const instance = batches[0].batch.instance;
    expect(instance).toMatch(/^[A-Za-z0-9_-]+-\d+-[a-z0-9]+$/);
    batches.forEach((stored, i) => {
      expect(stored.subject).toBe('anvil.access.haproxy');
      expect(stored.batch).toMatchObject({ source: 'haproxy', instance, batchId: `haproxy-${instance}-${i + 1}` });
      expect(stored.msgId).toBe(stored.batch.batchId);
      expect(stored.batch.lines.length).toBeLessThanOrEqual(1000);
      expect(Math.abs(stored.batchedAt.getTime() - Date.now())).toBeLessThan(60_000);
    });
  });

  it('survives a connection that sends garbage framing and keeps publishing', async () => {
    const bad = await openTcp();
    bad.write(Buffer.concat([Buffer.from('99999999 '), Buffer.alloc(70_000, 0xff)]));
    bad.end(Buffer.from('\u0000\u0001\n12345678901234567890 x\n'));
    const good = await openTcp();
    good.end(`${line('after-garbage', 1)}\n`);
    await expectEventually(
      async () => {
        const lines = (await haproxyBatches(env.testBus.bus)).flatMap((stored) => stored.batch.lines);
        expect(lines).toContain(line('after-garbage', 1));
        // The oversized frame: cut at 64 KiB and published (the consumer flags it), not lost, not whole.
        const cut = lines.filter((text) => text.startsWith('\uFFFD'));
        expect(cut).toHaveLength(1);
        expect(cut[0].length).toBe(64 * 1024);
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    ).catch(withOutput);
    expect(shipper.running).toBe(true);
    expect(await httpStatus(port, '/readyz')).toBe(200);
  });

  it('refuses to start when a syslog port is in use, naming the setting', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as { port: number }).port;
    try {
      const { shipper: second } = await env.startShipper({
        ANVIL_SHIPPER_SYSLOG_UDP: '',
        ANVIL_SHIPPER_SYSLOG_TCP: `127.0.0.1:${takenPort}`,
      });
      const exit = await second.waitForExit();
      expect(exit.code).toBe(1);
      expect(second.stderrText).toMatch(
        new RegExp(
          `invalid setting ANVIL_SHIPPER_SYSLOG_TCP: cannot listen on 127\\.0\\.0\\.1:${takenPort} \\(tcp\\).*EADDRINUSE`,
        ),
      );

      // UDP: the first shipper holds its port.
      const { shipper: third } = await env.startShipper({
        ANVIL_SHIPPER_SYSLOG_UDP: `127.0.0.1:${udpPort}`,
        ANVIL_SHIPPER_SYSLOG_TCP: '',
      });
      expect((await third.waitForExit()).code).toBe(1);
      expect(third.stderrText).toMatch(
        /invalid setting ANVIL_SHIPPER_SYSLOG_UDP: cannot listen on .*\(udp\).*EADDRINUSE/,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('closes its listeners and exits cleanly on SIGTERM, every line on the bus', async () => {
    const exit = await shipper.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(shipper.hasLogged('syslog listeners closed, every line received is on the bus')).toBe(true);
    // The ports are free again.
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(tcpPort, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
