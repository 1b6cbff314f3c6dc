import { expectEventually, TcpProxy, type ServiceProcess } from '@anvil/testing';
import { httpStatus, logBatch, metricValue, pinoLine, ShipperTestEnv } from './shipper-fixtures';

// Longer than the log consumers' ack wait (30 s): messages the shipper holds through an outage must not come back
// from JetStream meanwhile (it signals `working()`), let alone be dead-lettered.
const OUTAGE_MS = 35_000;
const LINES_PER_BATCH = 100;

// An OpenSearch outage, played by closing a TCP proxy in front of the real server (which stays up for other tests).
describe('shipper during an OpenSearch outage', () => {
  let env: ShipperTestEnv;
  let proxy: TcpProxy;
  const processes: ServiceProcess[] = [];

  const withOutput = (error: unknown): never => {
    const output = processes.map((process) => process.describe()).join('\n\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${output}`);
  };

  const start = async (): Promise<{ shipper: ServiceProcess; port: number }> => {
    const started = await env.startShipper({
      ANVIL_OPENSEARCH_URL: proxy.url,
      ANVIL_SHIPPER_RETRY_INITIAL_MS: '200',
      ANVIL_SHIPPER_RETRY_MAX_MS: '2000',
    });
    processes.push(started.shipper);
    return started;
  };

  const publishBatches = async (name: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let b = 0; b < count; b++) {
      const batchId = `${name}-${b}`;
      const lines = Array.from({ length: LINES_PER_BATCH }, (_, i) => pinoLine('submitter', `${batchId} line ${i}`));
      await env.publishLogs(logBatch(batchId, 'submitter', lines));
      ids.push(...lines.map((_, i) => `${batchId}.${i}`));
    }
    return ids;
  };

  const ourIds = async (): Promise<string[]> =>
    (await env.documents('logs'))
      .map((doc) => doc.id)
      .filter((id) => id.startsWith('before-') || id.startsWith('during-'));

  beforeAll(async () => {
    env = await ShipperTestEnv.create();
    proxy = await TcpProxy.start();
  });

  afterAll(async () => {
    await proxy?.close();
    await env?.cleanup();
  });

  it('keeps lines unacked while OpenSearch is down, stops promptly, and indexes each line exactly once when it is back', async () => {
    const first = await start();
    await expectEventually(async () => expect(await httpStatus(first.port, '/readyz')).toBe(200), {
      timeoutMs: 30_000,
    }).catch(withOutput);

    await proxy.close();
    const before = await publishBatches('before', 10);
    await expectEventually(
      () => expect(first.shipper.logs.some((line) => /sending again later/.test(line.message ?? ''))).toBe(true),
      { timeoutMs: 30_000 },
    ).catch(withOutput);

    // Stopping while it retries: it gives up waiting at once and hands the messages back.
    const stopping = Date.now();
    const exit = await first.shipper.stop();
    expect(exit.code).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);

    // A new replica, started while OpenSearch is still down: it cannot even set up, and holds what it gets.
    const second = await start();
    const during = await publishBatches('during', 10);
    const outageEnd = Date.now() + OUTAGE_MS;
    while (Date.now() < outageEnd) {
      expect(await ourIds()).toEqual([]);
      expect(await env.deadLetters()).toBe(0);
      const consumer = await env.consumer('shipper-logs');
      // Nothing acked: every message is still pending or delivered and unacked.
      expect(consumer.num_pending + consumer.num_ack_pending).toBe(20);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(await httpStatus(second.port, '/readyz')).toBe(503);

    await proxy.open();
    await expectEventually(async () => expect((await ourIds()).sort()).toEqual([...before, ...during].sort()), {
      timeoutMs: 60_000,
      intervalMs: 500,
    }).catch(withOutput);
    await expectEventually(async () => {
      const consumer = await env.consumer('shipper-logs');
      expect(consumer.num_pending + consumer.num_ack_pending).toBe(0);
    }).catch(withOutput);
    expect(await env.deadLetters()).toBe(0);
    // Each line sent once by the replica that indexed it: no delivery came back while it held them.
    expect(await metricValue(second.port, 'anvil_shipper_documents_indexed_total{family="logs"}')).toBe(2000);
    expect(await metricValue(second.port, 'anvil_shipper_documents_already_indexed_total{family="logs"}')).toBe(0);
    expect(await httpStatus(second.port, '/readyz')).toBe(200);
  });
});
