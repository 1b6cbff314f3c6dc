import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { BUS_HEADERS, Publisher } from '@anvil/bus';
import { CONTRACTS, LogBatchSchema, STREAMS, type LogBatch } from '@anvil/contracts';
import { createTestBus, freePort, openSearch, ServiceProcess, TEST_OPENSEARCH_URL, type TestBus } from '@anvil/testing';

/** A LogBatch as a service's log sink (or the syslog listener) publishes it. */
export function logBatch(batchId: string, source: string, lines: string[], batchedAt = new Date()): LogBatch {
  return create(LogBatchSchema, { batchId, source, instance: 'test', lines, batchedAt: timestampFromDate(batchedAt) });
}

/** A pino line as the services write it. */
export function pinoLine(
  service: string,
  message: string,
  extra: Record<string, unknown> = {},
  at = new Date(),
): string {
  return JSON.stringify({
    'log.level': 'info',
    '@timestamp': at.toISOString(),
    'service.name': service,
    ...extra,
    message,
  });
}

/**
 * One test file's shipper world: its bus namespace, its index prefix (`<namespace>-anvil`), shipper processes and a
 * way to look into OpenSearch. `cleanup()` stops the processes and deletes the indices, templates and streams.
 */
export class ShipperTestEnv {
  readonly prefix: string;
  readonly publisher: Publisher;
  private readonly processes: ServiceProcess[] = [];

  private constructor(readonly testBus: TestBus) {
    this.prefix = `${testBus.namespace.toLowerCase()}-anvil`;
    this.publisher = new Publisher(testBus.bus);
  }

  static async create(): Promise<ShipperTestEnv> {
    return new ShipperTestEnv(await createTestBus());
  }

  /** Starts the built shipper (`npx tsc -b services/shipper`) on this namespace; returns it and its HTTP port. */
  async startShipper(env: Record<string, string> = {}): Promise<{ shipper: ServiceProcess; port: number }> {
    const port = await freePort();
    const shipper = ServiceProcess.start(
      'shipper',
      {
        ...this.testBus.env,
        ANVIL_SHIPPER_PORT: String(port),
        ANVIL_SHIPPER_SYSLOG_UDP: '',
        ANVIL_SHIPPER_SYSLOG_TCP: '',
        ANVIL_OPENSEARCH_URL: TEST_OPENSEARCH_URL,
        ANVIL_OPENSEARCH_REFRESH_INTERVAL: '1s',
        // Its own lines would land in the indices the test counts.
        ANVIL_LOG_TO_BUS: 'false',
        ...env,
      },
      `shipper-${this.processes.length + 1}`,
    );
    this.processes.push(shipper);
    return { shipper, port };
  }

  async publishLogs(batch: LogBatch): Promise<void> {
    await this.publisher.publish(CONTRACTS.logBatch, batch);
  }

  async publishAccess(batch: LogBatch): Promise<void> {
    await this.publisher.publish(CONTRACTS.accessLogBatch, batch);
  }

  /** Publishes `batch` again under another `Nats-Msg-Id`, so JetStream stores (and delivers) it a second time. */
  async republishLogs(batch: LogBatch, msgId: string): Promise<void> {
    await this.publisher.publishRaw(CONTRACTS.logBatch.subject(batch), toBinary(LogBatchSchema, batch), {
      [BUS_HEADERS.msgId]: msgId,
    });
  }

  /** Every document of `<prefix>-<family>-*` (after a refresh), sorted by id. */
  async documents(family: 'logs' | 'access' | 'decisions'): Promise<{ index: string; id: string; source: any }[]> {
    const pattern = `${this.prefix}-${family}-*`;
    await openSearch('POST', `/${pattern}/_refresh?allow_no_indices=true`);
    const answer = await openSearch('POST', `/${pattern}/_search?allow_no_indices=true`, {
      size: 10_000,
      sort: [{ _id: 'asc' }],
      query: { match_all: {} },
    });
    const hits = (answer.body?.hits?.hits ?? []) as { _index: string; _id: string; _source: unknown }[];
    return hits.map((hit) => ({ index: hit._index, id: hit._id, source: hit._source }));
  }

  /** Number of documents in `<prefix>-<family>-*` (after a refresh). */
  async count(family: 'logs' | 'access' | 'decisions'): Promise<number> {
    const pattern = `${this.prefix}-${family}-*`;
    await openSearch('POST', `/${pattern}/_refresh?allow_no_indices=true`);
    const answer = await openSearch('GET', `/${pattern}/_count?allow_no_indices=true`);
    return answer.body?.count as number;
  }

  /** Consumer state of a durable of the shipper, e.g. `shipper-logs` on the LOGS stream. */
  async consumer(durable: string, stream: 'LOGS' | 'DECISIONS' = 'LOGS') {
    return this.testBus.bus.jsm.consumers.info(this.testBus.bus.namespace.stream(STREAMS[stream].name), durable);
  }

  /** Messages in the namespace's dead-letter stream. */
  async deadLetters(): Promise<number> {
    const info = await this.testBus.bus.jsm.streams.info(this.testBus.bus.namespace.stream(STREAMS.DLQ.name));
    return info.state.messages;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.processes.map((process) => process.kill()));
    await openSearch('DELETE', `/${this.prefix}-*?expand_wildcards=all`);
    for (const family of ['logs', 'access', 'decisions']) {
      await openSearch('DELETE', `/_index_template/${this.prefix}-${family}`);
    }
    await this.testBus.cleanup();
  }
}

/** The value of a Prometheus sample on a service's `/metrics` (0 when absent), e.g. `name{family="logs"}`. */
export async function metricValue(port: number, sample: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

/** The HTTP status of a service's endpoint, e.g. `/readyz`. */
export async function httpStatus(port: number, path: string): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
}
