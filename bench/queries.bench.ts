// `npm run bench -- queries [--requests 3000] [--warmup 300] [--cold-requests 100] [--history-requests 500]
// [--rebuild]`: the gateway's read path at scale. Builds (once; later runs reuse it) a dataset of 5,000,000 jobs
// over 1,000 queues and 50 running tests in the schema `bench_queries` of the test database, with `job_rollups`,
// `queue_daily_rollups` and `test_queues` computed from the jobs, writes the tests' live counter hashes to Redis,
// starts the built gateway as a real process on it and times, over HTTP on loopback, one request after the other:
// the front page and the test page from the live counters, the same two with the hashes deleted (the rollup
// fallback), and the site history. Prints p50/p99/max per query and the row counts; asserts nothing. The last line
// is one JSON object.
import { cpus, loadavg } from 'node:os';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createTestBus, freePort, ServiceProcess, TEST_DATABASE_URL } from '@anvil/testing';
import { closeAgent, getJson, measure, type LatencySummary } from './queries/http-latency';
import { deleteLiveHashes, writeLiveHashes } from './queries/live-hashes';
import { lcg } from './queries/lcg.util';
import { ensureDataset, type Dataset, type DatasetShape } from './queries/queries-dataset';

const SCHEMA = 'bench_queries';
const SHAPE: DatasetShape = { jobsPerTestQueue: 100, queues: 1000, queuesPerSite: 10, tests: 50, spreadDays: 14 };

interface Options {
  requests: number;
  warmup: number;
  coldRequests: number;
  historyRequests: number;
  rebuild: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { requests: 3000, warmup: 300, coldRequests: 100, historyRequests: 500, rebuild: false };
  const usage = `usage: queries [--requests N] [--warmup N] [--cold-requests N] [--history-requests N] [--rebuild]`;
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    if (key === 'rebuild') {
      options.rebuild = true;
      continue;
    }
    const value = Number(argv[++i]);
    if (!(key in options) || key === 'rebuild' || !Number.isInteger(value) || value < 0) {
      throw new Error(usage);
    }
    (options as unknown as Record<string, number>)[key] = value;
  }
  return options;
}

async function rowCounts(dataset: Dataset): Promise<Record<string, number>> {
  const client = new Client({ connectionString: dataset.url, options: `-c search_path=${dataset.schema}` });
  await client.connect();
  try {
    const count = async (sql: string): Promise<number> => Number((await client.query(sql)).rows[0].n);
    return {
      jobs_rows: await count(`SELECT count(*) AS n FROM jobs`),
      jobs_default_rows: await count(`SELECT count(*) AS n FROM jobs_default`),
      job_partitions: await count(
        `SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'jobs'::regclass AND inhrelid <> 'jobs_default'::regclass`,
      ),
      job_rollups_rows: await count(`SELECT count(*) AS n FROM job_rollups`),
      queue_daily_rollups_rows: await count(`SELECT count(*) AS n FROM queue_daily_rollups`),
      test_queues_rows: await count(`SELECT count(*) AS n FROM test_queues`),
      tests: await count(`SELECT count(*) AS n FROM tests`),
      queues: await count(`SELECT count(*) AS n FROM queues`),
    };
  } finally {
    await client.end();
  }
}

async function startGateway(env: Record<string, string>, base: string): Promise<ServiceProcess> {
  const gateway = ServiceProcess.start('gateway', env);
  const startedAt = Date.now();
  for (;;) {
    try {
      await getJson(`${base}/readyz`);
      return gateway;
    } catch {
      if (!gateway.running || Date.now() - startedAt > 60_000) {
        throw new Error(`the gateway did not start:\n${gateway.describe()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Fails the run when the gateway did not read the counters from where this phase expects. */
async function expectSource(base: string, testId: string, source: 'live' | 'rollups'): Promise<void> {
  const page = await getJson(`${base}/api/v1/tests?state=running&limit=50`);
  const detail = await getJson(`${base}/api/v1/tests/${testId}`);
  const sources = new Set([...page.items.map((t: { countersFrom: string }) => t.countersFrom), detail.countersFrom]);
  if (sources.size !== 1 || !sources.has(source) || page.items.length !== SHAPE.tests) {
    throw new Error(`expected ${SHAPE.tests} tests counted from ${source}, got ${[...sources].join(', ')}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const loadAtStart = loadavg()[0];
  const log = (line: string): void => console.log(line);
  const dataset = await ensureDataset(TEST_DATABASE_URL, SCHEMA, SHAPE, { rebuild: options.rebuild, log });
  log(
    `dataset ${dataset.schema} built ${dataset.builtAt.toISOString()}` +
      (dataset.reused ? ' (reused)' : ` in ${dataset.buildSeconds} s`),
  );
  const counts = await rowCounts(dataset);
  for (const [name, n] of Object.entries(counts)) {
    log(`  ${name.padEnd(26)} ${n.toLocaleString('en')}`);
  }

  const bus = await createTestBus();
  const redis = new Redis(process.env.ANVIL_REDIS_URL ?? 'redis://127.0.0.1:6379');
  let gateway: ServiceProcess | undefined;
  try {
    const fields = await writeLiveHashes(dataset.url, dataset.schema, redis, bus.namespace, dataset.testIds);
    log(`live counter hashes: ${dataset.testIds.length} tests, ${fields.toLocaleString('en')} fields`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    gateway = await startGateway(
      {
        ...bus.env,
        ANVIL_DATABASE_URL: dataset.url,
        ANVIL_DB_SCHEMA: dataset.schema,
        ANVIL_GATEWAY_PORT: String(port),
        // No access log line per request: the bench reads the gateway's stdout in its own event loop.
        ANVIL_LOG_LEVEL: 'warn',
        // Every request runs its queries: the rendered-page cache would answer most of them from memory.
        ANVIL_GATEWAY_PAGE_CACHE_MS: '0',
      },
      base,
    );

    const randomTest = lcg(1);
    const randomQueue = lcg(2);
    const testUrl = (): string =>
      `${base}/api/v1/tests/${dataset.testIds[Math.floor(randomTest() * dataset.testIds.length)]}`;
    const frontPage = `${base}/api/v1/tests?state=running&limit=50`;
    const results: Record<string, LatencySummary> = {};
    const run = async (name: string, urlFor: () => string, requests: number, warmup: number): Promise<void> => {
      results[name] = await measure(urlFor, { requests, warmup });
      const r = results[name];
      log(
        `${name.padEnd(22)} n=${String(r.requests).padStart(5)}  p50 ${r.p50Ms} ms  p90 ${r.p90Ms} ms  ` +
          `p99 ${r.p99Ms} ms  max ${r.maxMs} ms  (${Math.round(r.meanBytes / 1024)} KiB)`,
      );
    };

    await expectSource(base, dataset.testIds[0], 'live');
    await run('front_page', () => frontPage, options.requests, options.warmup);
    await run('test_detail', testUrl, options.requests, options.warmup);
    await run(
      'queue_history_matrix',
      () => `${base}/api/v1/queues/history?days=14`,
      options.historyRequests,
      Math.min(options.warmup, 50),
    );
    await run(
      'queue_history',
      () => `${base}/api/v1/queues/${dataset.queueIds[Math.floor(randomQueue() * dataset.queueIds.length)]}/history`,
      options.historyRequests,
      Math.min(options.warmup, 50),
    );

    // The fallback: no hash at all (Redis flushed, or before the ingester's first rebuild).
    await deleteLiveHashes(redis, bus.namespace, dataset.testIds);
    await expectSource(base, dataset.testIds[0], 'rollups');
    await run('front_page_cold', () => frontPage, options.coldRequests, 5);
    await run('test_detail_cold', testUrl, options.coldRequests, 5);

    const figures: Record<string, unknown> = { bench: 'queries', ...counts };
    for (const [name, r] of Object.entries(results)) {
      figures[`${name}_p50_ms`] = r.p50Ms;
      figures[`${name}_p99_ms`] = r.p99Ms;
      figures[`${name}_max_ms`] = r.maxMs;
      figures[`${name}_requests`] = r.requests;
    }
    Object.assign(figures, {
      dataset_built_at: dataset.builtAt.toISOString(),
      dataset_reused: dataset.reused,
      // The machine may be shared: other load during the run shows here (1-minute load average vs. cores).
      loadAverage1mAtStart: Math.round(loadAtStart * 10) / 10,
      loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
      cores: cpus().length,
    });
    console.log(JSON.stringify(figures));
  } finally {
    await gateway?.stop();
    closeAgent();
    await deleteLiveHashes(redis, bus.namespace, dataset.testIds).catch(() => undefined);
    redis.disconnect();
    await bus.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
