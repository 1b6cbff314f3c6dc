// `npm run bench -- web [--runs 10] [--direct] [--rebuild]`: how fast the web app's pages are usable, measured in
// headless chromium against the built gateway(s) serving services/web/dist (through HAProxy before two replicas, as
// `npm run up` runs them; `--direct`: one replica alone). Data: 50 running tests over 200 queues each (schema
// `bench_web`, built once with the `queries` benchmark's generator and reused; 4 jobs per test × queue) with every
// test's live counter hash in Redis, as the ingester keeps them. The browser signs in with a viewer API token, then
// per run (the first one, with an empty HTTP cache, is reported apart):
// - home: navigation start → the 50 test rows painted; the bench then changes the kind filter as soon as it sees
//   them → its 25 rows painted (`home_interactive_ms`: the page shows everything and has handled an input; it
//   includes the driver's reaction time, a few tens of ms, so it is an upper bound);
// - test page (another test each run): navigation start → its 200 queue rows and its three charts drawn.
// Times come from the page's own clock (`performance.now()`, zero at navigation start), checked once per frame.
// Prints every run, medians and p95, the machine's load; asserts nothing. The last line is one JSON object.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createTestBus, TEST_DATABASE_URL } from '@anvil/testing';
import { startApiEdge, type ApiEdge } from './api/api-edge';
import { createApiToken } from './api/api-token';
import { percentile } from './ingest/percentile.util';
import { deleteLiveHashes, writeLiveHashes } from './queries/live-hashes';
import { ensureDataset, type DatasetShape } from './queries/queries-dataset';
import { launchChromium, type Chromium } from './web/chromium';
import { pageWatchScript } from './web/page-watch.script';
import { timeHome, timeTest, type HomeTiming, type TestTiming } from './web/page-timing';

const SCHEMA = 'bench_web';
const SHAPE: DatasetShape = { tests: 50, queues: 200, queuesPerSite: 10, jobsPerTestQueue: 4, spreadDays: 14 };
const WEB_DIST = join(__dirname, '..', '..', 'services', 'web', 'dist', 'index.html');
// Longer than the gateway's page cache (ANVIL_GATEWAY_PAGE_CACHE_MS, 1 s): every load asks the database again.
const PAUSE_MS = 1200;
const USAGE = 'usage: web [--runs N] [--direct] [--rebuild]';

interface Options {
  runs: number;
  direct: boolean;
  rebuild: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { runs: 10, direct: false, rebuild: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--direct' || argv[i] === '--rebuild') {
      options[argv[i] === '--direct' ? 'direct' : 'rebuild'] = true;
    } else if (argv[i] === '--runs' && Number.isInteger(Number(argv[i + 1])) && Number(argv[i + 1]) >= 2) {
      options.runs = Number(argv[++i]);
    } else {
      throw new Error(USAGE);
    }
  }
  return options;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number): number => Math.round(n);

function stats(values: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? NaN) };
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

async function signIn(browser: Chromium, url: string, token: string): Promise<void> {
  const { page } = browser;
  await page.goto(`${url}/sign-in`);
  await page.getByTestId('sign-in-token').fill(token);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('session-role').filter({ hasText: 'viewer' }).waitFor({ timeout: 15_000 });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(WEB_DIST)) {
    throw new Error(`${WEB_DIST} is missing: run \`npm run build\` first (it builds the web app)`);
  }
  const log = (line: string): void => console.log(line);
  const loadAtStart = loadavg()[0];
  const dataset = await ensureDataset(TEST_DATABASE_URL, SCHEMA, SHAPE, { rebuild: options.rebuild, log });
  log(`dataset ${dataset.schema}: ${dataset.testIds.length} running tests × ${dataset.queueIds.length} queues`);

  const bus = await createTestBus();
  const redis = new Redis(process.env.ANVIL_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const tokenName = `bench-web-${Date.now()}`;
  let edge: ApiEdge | undefined;
  let browser: Chromium | undefined;
  try {
    await writeLiveHashes(dataset.url, dataset.schema, redis, bus.namespace, dataset.testIds);
    const token = await createApiToken(dataset, tokenName, 'viewer');
    edge = await startApiEdge(
      {
        ...bus.env,
        ANVIL_DATABASE_URL: dataset.url,
        ANVIL_DB_SCHEMA: dataset.schema,
        ANVIL_LOG_LEVEL: 'warn',
        ANVIL_DRAIN_DELAY_MS: '0',
        ANVIL_DRAIN_QUIET_MS: '0',
      },
      { direct: options.direct, log },
    );
    log(`site at ${edge.url} (${edge.via}, ${edge.replicas.length} gateway replica(s))`);

    browser = await launchChromium();
    // The generator makes every other test a stress test (the others functional).
    const stressTests = Math.floor(dataset.testIds.length / 2);
    await browser.page.addInitScript(
      pageWatchScript({ homeRows: dataset.testIds.length, homeFilteredRows: stressTests, testRows: SHAPE.queues }),
    );
    await signIn(browser, edge.url, token);

    // The first run starts with an empty cache: every asset is fetched (the sign-in page loaded the main bundle).
    await browser.clearCache();
    const home: HomeTiming[] = [];
    const test: TestTiming[] = [];
    for (let run = 0; run < options.runs; run++) {
      await sleep(PAUSE_MS);
      const h = await timeHome(browser.page, `${edge.url}/`, 'stress');
      home.push(h);
      await sleep(PAUSE_MS);
      const testId = dataset.testIds[run % dataset.testIds.length];
      const t = await timeTest(browser.page, `${edge.url}/tests/${testId}`);
      test.push(t);
      log(
        `run ${String(run + 1).padStart(2)}${run === 0 ? ' (cold cache)' : '             '}  ` +
          `home: rows ${round(h.rowsMs)} ms, interactive ${round(h.interactiveMs)} ms (filter ${round(h.filterMs)} ms; ` +
          `html ${h.navigation.responseEndMs}, load ${h.navigation.loadMs})   ` +
          `test: table ${round(t.tableMs)} ms, charts ${round(t.chartsMs)} ms, ready ${round(t.readyMs)} ms ` +
          `(html ${t.navigation.responseEndMs}, load ${t.navigation.loadMs})`,
      );
    }

    const warm = { home: home.slice(1), test: test.slice(1) };
    const homeInteractive = stats(warm.home.map((h) => h.interactiveMs));
    const homeRows = stats(warm.home.map((h) => h.rowsMs));
    const homeFilter = stats(warm.home.map((h) => h.filterMs));
    const testReady = stats(warm.test.map((t) => t.readyMs));
    const testTable = stats(warm.test.map((t) => t.tableMs));
    const testCharts = stats(warm.test.map((t) => t.chartsMs));
    log(`over ${warm.home.length} warm runs (median / p95 / max):`);
    log(
      `  home interactive ${homeInteractive.p50} / ${homeInteractive.p95} / ${homeInteractive.max} ms (target ≤ 1000)`,
    );
    log(
      `       rows painted ${homeRows.p50} / ${homeRows.p95} ms, filter handled in ${homeFilter.p50} / ${homeFilter.p95} ms`,
    );
    log(`  test page ready  ${testReady.p50} / ${testReady.p95} / ${testReady.max} ms (target ≤ 1500)`);
    log(`       table ${testTable.p50} / ${testTable.p95} ms, charts ${testCharts.p50} / ${testCharts.p95} ms`);
    log(`  cold (first run): home ${round(home[0].interactiveMs)} ms, test page ${round(test[0].readyMs)} ms`);
    const figures = {
      home_interactive_ms_p50: homeInteractive.p50,
      home_interactive_ms_p95: homeInteractive.p95,
      test_interactive_ms_p50: testReady.p50,
      test_interactive_ms_p95: testReady.p95,
      bench: 'web',
      home_rows_ms_p50: homeRows.p50,
      home_filter_ms_p50: homeFilter.p50,
      test_table_ms_p50: testTable.p50,
      test_charts_ms_p50: testCharts.p50,
      home_cold_ms: round(home[0].interactiveMs),
      test_cold_ms: round(test[0].readyMs),
      runs: warm.home.length,
      tests: dataset.testIds.length,
      queues_per_test: SHAPE.queues,
      via: edge.via,
      replicas: edge.replicas.length,
      // The machine may be shared: other load during the run shows here (1-minute load average vs. cores).
      loadAverage1mAtStart: Math.round(loadAtStart * 10) / 10,
      loadAverage1m: Math.round(loadavg()[0] * 10) / 10,
      cores: cpus().length,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await browser?.close();
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
