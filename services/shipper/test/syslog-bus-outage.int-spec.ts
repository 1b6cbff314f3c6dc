import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { expectEventually, freePort, TcpProxy, TEST_NATS_URL, type ServiceProcess } from '@anvil/testing';
import { httpStatus, metricValue, ShipperTestEnv } from './shipper-fixtures';
import { haproxyBatches } from './syslog-stream';

// The shipper reaches NATS through a proxy the test closes: lines received while the bus is unreachable wait in the
// listener, their publishes are retried with the same batch ids, and once the bus is back each line is stored once.
describe('shipper syslog listener while the bus is unreachable', () => {
  let env: ShipperTestEnv;
  let proxy: TcpProxy;
  let shipper: ServiceProcess;
  let port: number;
  let udpPort: number;
  let tcpPort: number;

  const withOutput = (error: unknown): never => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${shipper.describe()}`);
  };

  beforeAll(async () => {
    env = await ShipperTestEnv.create();
    proxy = await TcpProxy.start(new URL(TEST_NATS_URL));
    [udpPort, tcpPort] = await Promise.all([freePort(), freePort()]);
    ({ shipper, port } = await env.startShipper({
      ANVIL_NATS_URL: `nats://127.0.0.1:${proxy.port}`,
      ANVIL_SHIPPER_SYSLOG_UDP: `127.0.0.1:${udpPort}`,
      ANVIL_SHIPPER_SYSLOG_TCP: `127.0.0.1:${tcpPort}`,
    }));
    await expectEventually(async () => expect(await httpStatus(port, '/readyz')).toBe(200), {
      timeoutMs: 30_000,
    }).catch(withOutput);
  });

  afterAll(async () => {
    await proxy?.close();
    await env?.cleanup();
  });

  const line = (name: string, i: number): string => `<134>1 - - haproxy 1 - - {"request_id":"${name}-${i}"}`;

  async function storedLines(): Promise<string[]> {
    return (await haproxyBatches(env.testBus.bus)).flatMap((stored) => stored.batch.lines);
  }

  it('publishes what came during the outage once the bus is back, each line and batch once', async () => {
    const tcp = await new Promise<Socket>((resolve, reject) => {
      const socket = connect(tcpPort, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
    });
    const before = Array.from({ length: 100 }, (_, i) => line('before', i));
    tcp.write(before.map((text) => `${text}\n`).join(''));
    await expectEventually(async () => expect(await storedLines()).toEqual(before), { timeoutMs: 15_000 }).catch(
      withOutput,
    );

    await proxy.close();
    const during = Array.from({ length: 300 }, (_, i) => line('during-tcp', i));
    tcp.write(during.map((text) => `${text}\n`).join(''));
    const udp = createSocket('udp4');
    const duringUdp = Array.from({ length: 50 }, (_, i) => line('during-udp', i));
    for (const text of duringUdp) {
      await new Promise<void>((resolve, reject) =>
        udp.send(text, udpPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
      );
    }
    udp.close();
    // The publish of the first batch fails (JetStream gives no ack) at least once while the proxy is closed.
    await expectEventually(
      async () => expect(await metricValue(port, 'anvil_shipper_syslog_publish_failures_total')).toBeGreaterThan(0),
      { timeoutMs: 30_000, intervalMs: 500 },
    ).catch(withOutput);
    expect(await storedLines()).toEqual(before);

    await proxy.open();
    const expected = [...before, ...during, ...duringUdp].sort();
    await expectEventually(async () => expect([...(await storedLines())].sort()).toEqual(expected), {
      timeoutMs: 60_000,
      intervalMs: 500,
    }).catch(withOutput);
    const batches = await haproxyBatches(env.testBus.bus);
    const ids = batches.map((stored) => stored.batch.batchId);
    expect(new Set(ids).size).toBe(ids.length);
    // TCP lines in the order they were sent.
    expect((await storedLines()).filter((text) => !text.includes('during-udp'))).toEqual([...before, ...during]);
    expect(await metricValue(port, 'anvil_shipper_syslog_dropped_total{transport="udp"}')).toBe(0);
    tcp.destroy();
  });
});
