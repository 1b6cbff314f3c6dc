// `npm run bench -- api [--rate 500] [--duration 30] [--warmup 5] [--connections 32] [--throughput-duration 10]
// [--direct]`: the REST API's latency under a fixed load and its maximum throughput, through HAProxy before two
// built gateway replicas (haproxy/haproxy.cfg, as `npm run up` runs them; `--direct`: one replica alone). Data:
// the `queries` benchmark's dataset when present, else a smaller one of the same shape (bench/api/api-dataset.ts),
// with every running test's live counter hash in Redis. Reads authenticate with a viewer API token made by the
// CLI. Open loop at `--rate` requests/s for `--duration` s each: the front page, then the test page (latency from
// each request's due time, so queueing counts); then closed loop with `--connections` keep-alive connections for
// `--throughput-duration` s each: front page, test page, half and half. Prints the figures and the cores each
// process used per phase; asserts nothing. The last line is one JSON object.
import { cpus, loadavg } from 'node:os';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createTestBus, TEST_DATABASE_URL } from '@anvil/testing';
import { apiDataset } from './api/api-dataset';
import { startApiEdge, type ApiEdge } from './api/api-edge';
import { createApiToken } from './api/api-token';
import { closedLoop, latencyFigures, openLoop, type LoadResult } from './api/http-load';
import { measurePhaseCpu, waitUntilIdle, type PhaseCpu } from './api/phase-cpu';
import { deleteLiveHashes, writeLiveHashes } from './queries/live-hashes';
import { lcg } from './queries/lcg.util';

interface Options {
  rate: number;
  duration: number;
  warmup: number;
  connections: number;
  throughputDuration: number;
  direct: boolean;
}

const USAGE =
  'usage: api [--rate N] [--duration S] [--warmup S] [--connections N] [--throughput-duration S] [--direct]';
const TIMEOUT_MS = 10_000;

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    rate: 500,
    duration: 30,
    warmup: 5,
    connections: 32,
    throughputDuration: 10,
    direct: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    if (key === 'direct') {
      options.direct = true;
      continue;
    }
    const value = Number(argv[++i]);
    if (!(key in options) || !Number.isInteger(value) || value <= 0) {
      throw new Error(USAGE);
    }
    (options as unknown as Record<string, number>)[key] = value;
  }
  return options;
}

async function getJson(url: string, headers: Record<string, string>): Promise<any> {
  const response = await fetch(url, { headers });
  if (!response.ok) {
    throw new Error(`GET ${url} → ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
  return response.json();
}

async function deleteToken(database: { url: string; schema: string }, name: string): Promise<void> {
  const client = new Client({ connectionString: database.url, options: `-c search_path=${database.schema}` });
  await client.connect();
  try {
    await client.query(`DELETE FROM api_tokens WHERE name = $1`, [name]);
  } finally {
    await client.end();
  }
}

function cpuMsPerRequest(phase: { result: LoadResult; cpu: PhaseCpu }): number {
  const requests = phase.result.ok + phase.result.errors;
  return Math.round(((phase.cpu.gateways * phase.result.elapsedS * 1000) / requests) * 100) / 100;
}

function describe(name: string, result: LoadResult, cpu: PhaseCpu): string {
  const l = latencyFigures(result);
  const rps = Math.round((result.ok + result.errors) / result.elapsedS);
  const errors = result.errors === 0 ? '' : `  errors ${result.errors} ${JSON.stringify(result.errorKinds)}`;
  return (
    `${name.padEnd(18)} ${String(rps).padStart(5)} req/s  p50 ${l.p50} ms  p90 ${l.p90} ms  p99 ${l.p99} ms  ` +
    `max ${l.max} ms${errors}\n${''.padEnd(19)}gateway CPU ${cpuMsPerRequest({ result, cpu })} ms/request; ` +
    `cores: machine ${cpu.machine}, gateways ${cpu.gateways}, ` +
    `postgres ${cpu.postgres}, redis ${cpu.redis}, haproxy ${cpu.haproxy}, load generator ${cpu.bench}`
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const loadAtStart = loadavg()[0];
  const log = (line: string): void => console.log(line);
  const dataset = await apiDataset(TEST_DATABASE_URL, log);
  log(`dataset ${dataset.schema}: ${dataset.testIds.length} tests, ${dataset.queueIds.length} queues`);

  const bus = await createTestBus();
  const redis = new Redis(process.env.ANVIL_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const tokenName = `bench-api-${Date.now()}`;
  let edge: ApiEdge | undefined;
  try {
    await writeLiveHashes(dataset.url, dataset.schema, redis, bus.namespace, dataset.testIds);
    const headers = { authorization: `Bearer ${await createApiToken(dataset, tokenName, 'viewer')}` };
    edge = await startApiEdge(
      {
        ...bus.env,
        ANVIL_DATABASE_URL: dataset.url,
        ANVIL_DB_SCHEMA: dataset.schema,
        // No access-log line per request: the bench reads the replicas' stdout in its own event loop.
        ANVIL_LOG_LEVEL: 'warn',
        // The limiter still runs (one Redis call per request) but never refuses the bench's one identity.
        ANVIL_RATE_LIMIT_READS_PER_MINUTE: '100000000',
        ANVIL_DRAIN_DELAY_MS: '0',
        ANVIL_DRAIN_QUIET_MS: '0',
      },
      { direct: options.direct, log },
    );
    log(`load to ${edge.url} (${edge.via}, ${edge.replicas.length} gateway replica(s))`);
    const pids = edge.replicas.map((replica) => replica.pid ?? 0);

    const frontPage = `${edge.url}/api/v1/tests?state=running&limit=50`;
    const random = lcg(1);
    const testPage = (): string =>
      `${edge!.url}/api/v1/tests/${dataset.testIds[Math.floor(random() * dataset.testIds.length)]}`;
    const mixed = (i: number): string => (i % 2 === 0 ? frontPage : testPage());

    const page = await getJson(frontPage, headers);
    const sources = new Set(page.items.map((t: { countersFrom: string }) => t.countersFrom));
    if (page.items.length !== Math.min(50, dataset.testIds.length) || sources.size !== 1 || !sources.has('live')) {
      throw new Error(`expected the running tests counted from live hashes, got ${[...sources].join(', ')}`);
    }

    const load = { headers, timeoutMs: TIMEOUT_MS };
    await openLoop(mixed, { ...load, rate: options.rate, durationS: options.warmup });
    const phases: Record<string, { result: LoadResult; cpu: PhaseCpu }> = {};
    const phase = async (name: string, run: () => Promise<LoadResult>): Promise<LoadResult> => {
      await waitUntilIdle(pids);
      const cpu = measurePhaseCpu(pids);
      const result = await run();
      phases[name] = { result, cpu: cpu.stop() };
      log(describe(name, result, phases[name].cpu));
      return result;
    };
    const rate = { ...load, rate: options.rate, durationS: options.duration };
    const list = await phase('list', () => openLoop(() => frontPage, rate));
    const detail = await phase('detail', () => openLoop(testPage, rate));
    const closed = { ...load, connections: options.connections, durationS: options.throughputDuration };
    const listMax = await phase('list_max', () => closedLoop(() => frontPage, closed));
    const detailMax = await phase('detail_max', () => closedLoop(testPage, closed));
    const mixedMax = await phase('mixed_max', () => closedLoop(mixed, closed));

    const rps = (r: LoadResult): number => Math.round(r.ok / r.elapsedS);
    const figures: Record<string, unknown> = {
      rate: options.rate,
      list_p50_ms: latencyFigures(list).p50,
      list_p99_ms: latencyFigures(list).p99,
      detail_p50_ms: latencyFigures(detail).p50,
      detail_p99_ms: latencyFigures(detail).p99,
      max_throughput_rps: rps(mixedMax),
      errors: Object.values(phases).reduce((sum, p) => sum + p.result.errors, 0),
      bench: 'api',
      list_max_ms: latencyFigures(list).max,
      detail_max_ms: latencyFigures(detail).max,
      list_max_throughput_rps: rps(listMax),
      detail_max_throughput_rps: rps(detailMax),
      max_throughput_p99_ms: latencyFigures(mixedMax).p99,
      duration_s: options.duration,
      connections: options.connections,
      via: edge.via,
      replicas: edge.replicas.length,
      dataset: dataset.schema,
      tests: dataset.testIds.length,
      queues: dataset.queueIds.length,
      // Gateway CPU per request (all replicas' CPU time / requests): the capacity figure, less noisy than latency.
      list_gateway_cpu_ms: cpuMsPerRequest(phases.list),
      detail_gateway_cpu_ms: cpuMsPerRequest(phases.detail),
      gateway_cores_list: phases.list.cpu.gateways,
      gateway_cores_detail: phases.detail.cpu.gateways,
      gateway_cores_max: phases.mixed_max.cpu.gateways,
      machine_cores_max: phases.mixed_max.cpu.machine,
      // The machine may be shared: other load during the run shows here (1-minute load average vs. cores).
      loadAverage1mAtStart: Math.round(loadAtStart * 10) / 10,
      loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
      cores: cpus().length,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await edge?.stop();
    await deleteLiveHashes(redis, bus.namespace, dataset.testIds).catch(() => undefined);
    await deleteToken(dataset, tokenName).catch(() => undefined);
    redis.disconnect();
    await bus.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
