// `npm run bench -- ship [--rate 30000] [--seconds 180] [--outage-at 30] [--outage-seconds 60] [--batch-lines 500]
// [--drain-timeout 600]`: offers `--rate` pino-style log lines per second, as services publish them (LogBatch on
// anvil.log.<service> and anvil.access.gateway), to the built shipper, which indexes them into the local OpenSearch.
// `--outage-at` seconds in, OpenSearch is stopped for `--outage-seconds` and started again while the load goes on.
// Then waits until every line is indexed and checks each sequence number is there exactly once. Asserts nothing;
// the last line is one JSON object. Runs in a throwaway namespace and index prefix. See docs/bench.md.
import { cpus, loadavg } from 'node:os';
import { Publisher } from '@anvil/bus';
import { createTestBus, freePort, ServiceProcess } from '@anvil/testing';
import { readProcCpu } from './ingest/proc-stats.util';
import { LogLineGenerator } from './ship/log-line-generator';
import { OpenSearchProbe } from './ship/opensearch-probe';
import { startOpenSearch, stopOpenSearch } from './ship/opensearch-server';
import { parseShipBenchOptions } from './ship/ship-bench-options.util';

const OPENSEARCH_URL = process.env.ANVIL_OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
// The log stream must hold the whole backlog of an outage (JetStream drops the oldest lines past its size limit).
const LOG_STREAM_MAX_BYTES = 8 * 1024 ** 3;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

interface Sample {
  readonly at: number;
  readonly indexed: number;
}

async function main(): Promise<void> {
  const options = parseShipBenchOptions(process.argv.slice(2));
  const loadBefore = loadavg()[0];
  console.log(
    `ship: ${options.rate.toLocaleString('en-US')} lines/s for ${options.seconds} s, ` +
      (options.outageAt < 0
        ? 'no outage'
        : `OpenSearch stopped at ${options.outageAt} s for ${options.outageSeconds} s`) +
      `; ${cpus().length} cores, load ${round(loadBefore, 2)}`,
  );
  const testBus = await createTestBus('bench_ship', { streamReplicas: 1, logStreamMaxBytes: LOG_STREAM_MAX_BYTES });
  const { bus, namespace } = testBus;
  const probe = new OpenSearchProbe(OPENSEARCH_URL, `${namespace.toLowerCase()}-anvil-*`);
  const port = await freePort();
  const shipper = ServiceProcess.start('shipper', {
    ...testBus.env,
    ANVIL_OPENSEARCH_URL: OPENSEARCH_URL,
    ANVIL_SHIPPER_PORT: String(port),
    ANVIL_SHIPPER_SYSLOG_UDP: '',
    ANVIL_SHIPPER_SYSLOG_TCP: '',
  });
  let outage: Promise<void> = Promise.resolve();
  try {
    await waitReady(shipper, port);
    const generator = new LogLineGenerator(new Publisher(bus), options.batchLines);
    const samples: Sample[] = [];
    let stoppedAt = NaN;
    let restartedAt = NaN;
    let outageState: 'before' | 'stopping' | 'down' | 'starting' | 'after' = options.outageAt < 0 ? 'after' : 'before';
    let lastSample = 0;
    const started = Date.now();
    const elapsed = (): number => (Date.now() - started) / 1000;
    const onTick = (seconds: number): void => {
      if (outageState === 'before' && seconds >= options.outageAt) {
        outageState = 'stopping';
        outage = stopOpenSearch().then(
          () => {
            stoppedAt = elapsed();
            outageState = 'down';
            console.log(`${round(stoppedAt)} s: OpenSearch stopped`);
          },
          (error: unknown) => {
            // Go on without an outage rather than leave the namespace and the shipper behind.
            outageState = 'after';
            console.log(`could not stop OpenSearch, no outage in this run: ${String(error)}`);
          },
        );
      }
      if (outageState === 'down' && elapsed() - stoppedAt >= options.outageSeconds) {
        outageState = 'starting';
        outage = startOpenSearch().then(
          () => {
            restartedAt = elapsed();
            outageState = 'after';
            console.log(`${round(restartedAt)} s: OpenSearch ready again`);
          },
          (error: unknown) => {
            outageState = 'after';
            console.log(`could not start OpenSearch again: ${String(error)}`);
          },
        );
      }
      if (seconds - lastSample >= 5) {
        lastSample = seconds;
        void probe.count(true).then((indexed) => {
          if (indexed !== undefined) {
            samples.push({ at: elapsed(), indexed });
          }
          console.log(`${round(seconds)} s: published ${generator.published}, indexed ${indexed ?? '(down)'}`);
        });
      }
    };
    await generator.run(options.rate, options.seconds, onTick);
    const publishedAt = elapsed();
    // The outage may still be in progress when the load ends: finish it before waiting for the last line.
    while (outageState !== 'after') {
      onTick(elapsed());
      await outage;
      await sleep(200);
    }
    const lines = generator.published;
    let indexed = 0;
    const deadline = Date.now() + options.drainTimeout * 1000;
    while (Date.now() < deadline) {
      indexed = (await probe.count(true)) ?? indexed;
      samples.push({ at: elapsed(), indexed });
      if (indexed >= lines) {
        break;
      }
      await sleep(1000);
    }
    const doneAt = elapsed();
    // The shipper's CPU over its whole life so far (start-up included): what a line costs it.
    const shipperCpuSeconds = shipper.pid === undefined ? NaN : (readProcCpu(shipper.pid)?.ownSeconds ?? NaN);
    const { lost, duplicated } = await probe.verify(lines);
    const best = bestWindowRate(samples, 30);
    const afterRestart = samples.filter((s) => s.at >= restartedAt);
    const catchUpStart = afterRestart[0];
    const catchUpRate =
      catchUpStart === undefined || doneAt <= catchUpStart.at
        ? NaN
        : (indexed - catchUpStart.indexed) / (doneAt - catchUpStart.at);
    console.log(
      `published ${lines} lines in ${round(publishedAt)} s; all indexed at ${round(doneAt)} s; ` +
        `lost ${lost}, duplicated ${duplicated}; publish failures ${generator.failures.length}`,
    );
    console.log(
      JSON.stringify({
        bench: 'ship',
        lines,
        indexed,
        lost,
        duplicated,
        offered_per_s: options.rate,
        seconds: round(doneAt, 1),
        indexed_per_s: Math.round(lines / doneAt),
        // Over the time OpenSearch was up: the whole run less the outage (stop to ready again).
        indexed_per_s_while_up: Math.round(
          lines / (doneAt - (Number.isNaN(restartedAt) ? 0 : restartedAt - stoppedAt)),
        ),
        best_30s_indexed_per_s: Math.round(best),
        catch_up_indexed_per_s: Math.round(catchUpRate),
        outage_s: round(restartedAt - stoppedAt, 1),
        caught_up_s_after_restart: round(doneAt - restartedAt, 1),
        publish_failures: generator.failures.length,
        shipper_cpu_s: round(shipperCpuSeconds, 1),
        shipper_cpu_us_per_line: round((shipperCpuSeconds * 1e6) / lines, 2),
        cores: cpus().length,
        load_average_1m_before: round(loadBefore, 2),
      }),
    );
  } finally {
    await outage.catch(() => undefined);
    await shipper.stop();
    await probe.deleteAll();
    await testBus.cleanup();
  }
}

/** Highest indexing rate over any `seconds`-long stretch between two samples. */
function bestWindowRate(samples: readonly Sample[], seconds: number): number {
  let best = 0;
  for (let i = 0; i < samples.length; i++) {
    const from = samples[i];
    const to = samples.find((s) => s.at - from.at >= seconds);
    if (to !== undefined) {
      best = Math.max(best, (to.indexed - from.indexed) / (to.at - from.at));
    }
  }
  return best;
}

async function waitReady(shipper: ServiceProcess, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!shipper.running) {
      throw new Error(`the shipper exited: ${shipper.describe()}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return;
    }
    await sleep(200);
  }
  throw new Error(`the shipper was not ready within 60 s: ${shipper.describe()}`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
