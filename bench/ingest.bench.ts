// `npm run bench -- ingest [--events 1000000] [--naive-events 10000] [--replicas 1] [--warmup-events 30000]
// [--queues 1000] [--tests 20] [--window 2000] [--rate 0] [--seed 1]`: publishes job-state events (submitted → running →
// completed, 10 % failed) to JetStream while the built ingester (`--replicas` processes on one durable) stores them
// in Postgres, on a throwaway schema and namespace; measures events/s from the first publish to the last event
// committed, commit lag, CPU, and checks every row. Then the same for a naive consumer (one TypeORM `save()` per
// event) on a smaller sample, in its own schema and namespace, and prints the ratio. `--replicas 0` measures
// publishing alone. Asserts nothing; the last line is one JSON object. See docs/bench.md.
import { cpus, loadavg } from 'node:os';
import { withBenchEnvironment } from './ingest/bench-environment';
import type { CpuUsage } from './ingest/cpu-usage';
import { parseIngestBenchOptions } from './ingest/ingest-bench-options.util';
import { runIngesterPath } from './ingest/ingester-path';
import { runNaivePath } from './ingest/naive-path';
import type { PathResult } from './ingest/path-result';

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const count = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n));

async function main(): Promise<void> {
  const options = parseIngestBenchOptions(process.argv.slice(2));
  const cores = cpus().length;
  const loadBefore = loadavg()[0];
  console.log(
    `ingest: ${count(options.events)} events through ${options.replicas} ingester(s) after a warm-up of ` +
      `${count(options.warmupEvents)}; naive sample ${count(options.naiveEvents)}; ${cores} cores, ` +
      `load average ${round(loadBefore, 2)} before the run`,
  );
  const fast = await withBenchEnvironment(options.queues, options.tests, (environment) =>
    runIngesterPath(environment, options),
  );
  printPath(`ingester ×${options.replicas}`, fast, cores);
  console.log(`ingester peak RSS: ${round(fast.peakRssMb)} MB (largest replica)`);
  for (const warning of fast.warnings.slice(0, 5)) {
    console.log(`ingester warning: ${warning}`);
  }

  const naive =
    options.naiveEvents > 0
      ? await withBenchEnvironment(options.queues, options.tests, (environment) => runNaivePath(environment, options))
      : undefined;
  if (naive !== undefined) {
    printPath('naive (one TypeORM save() per event)', naive, cores);
  }
  const ratio = naive === undefined ? NaN : fast.eventsPerSecond / naive.eventsPerSecond;
  const correct = fast.problems.length === 0 && (naive?.problems.length ?? 0) === 0;
  console.log(`ratio ingester / naive: ${round(ratio)}×`);
  console.log(`correct: ${correct}`);

  console.log(
    JSON.stringify({
      bench: 'ingest',
      events: options.events,
      replicas: options.replicas,
      seconds: round(fast.seconds, 2),
      events_per_s: Math.round(fast.eventsPerSecond),
      publish_per_s: Math.round(fast.publishPerSecond),
      commit_lag_p50_ms: Math.round(fast.commitLag.p50),
      commit_lag_p99_ms: Math.round(fast.commitLag.p99),
      commit_lag_max_ms: Math.round(fast.commitLag.max),
      ack_lag_p50_ms: Math.round(fast.ackLag.p50),
      ack_lag_p99_ms: Math.round(fast.ackLag.p99),
      naive_events: naive?.events ?? 0,
      naive_events_per_s: round(naive?.eventsPerSecond ?? NaN),
      naive_commit_lag_p99_ms: Math.round(naive?.commitLag.p99 ?? NaN),
      ratio: round(ratio),
      // Publishing alone (--replicas 0) stores nothing to check.
      correct: options.replicas === 0 ? null : correct,
      ingester_cpu_s: round(fast.cpu.consumer),
      ingester_max_rss_mb: Math.round(fast.peakRssMb),
      ingester_postgres_cpu_s: round(fast.cpu.consumerPostgres),
      postgres_cpu_s: round(fast.cpu.postgres),
      nats_cpu_s: round(fast.cpu.nats),
      redis_cpu_s: round(fast.cpu.redis),
      bench_cpu_s: round(fast.cpu.bench),
      other_cpu_s: round(fast.cpu.other),
      machine_busy_share: round(fast.cpu.machineBusy / (fast.cpu.wallSeconds * cores), 2),
      cores,
      load_average_1m_before: round(loadBefore, 2),
    }),
  );
}

function printPath(label: string, result: PathResult, cores: number): void {
  console.log(`\n${label}: ${count(result.events)} events`);
  console.log(
    `  published at ${count(result.publishPerSecond)} events/s (while it consumed); ` +
      `all committed ${round(result.seconds, 2)} s after the first publish: ${count(result.eventsPerSecond)} events/s`,
  );
  console.log(
    `  commit lag, final events, publish → start of the storing transaction (updated_at = now(); lower bound): ` +
      `p50 ${count(result.commitLag.p50)} ms, p99 ${count(result.commitLag.p99)} ms, max ${count(result.commitLag.max)} ms`,
  );
  console.log(
    `  the same, publish → acked by the consumer after the commit (upper bound): ` +
      `p50 ${count(result.ackLag.p50)} ms, p99 ${count(result.ackLag.p99)} ms`,
  );
  console.log(`  CPU seconds over ${round(result.cpu.wallSeconds)} s × ${cores} cores: ${cpuLine(result.cpu)}`);
  const perEvent = (seconds: number): number => Math.round((seconds / result.events) * 1e6);
  console.log(
    `  CPU per event: consumer ${perEvent(result.cpu.consumer)} µs + its Postgres backends ` +
      `${perEvent(result.cpu.consumerPostgres)} µs; nats ${perEvent(result.cpu.nats)} µs (with other users), ` +
      `bench ${perEvent(result.cpu.bench)} µs (publisher${result.cpu.consumer === 0 ? ' and naive consumer' : ''})`,
  );
  console.log(`  correct: ${result.problems.length === 0}`);
  for (const problem of result.problems) {
    console.log(`  PROBLEM: ${problem}`);
  }
}

function cpuLine(cpu: CpuUsage): string {
  const parts = [
    ['consumer', cpu.consumer],
    ['its Postgres backends', cpu.consumerPostgres],
    ['all postgres', cpu.postgres],
    ['nats', cpu.nats],
    ['redis', cpu.redis],
    ['bench (publisher)', cpu.bench],
    ['other', cpu.other],
  ] as const;
  const busy = Math.round((100 * cpu.machineBusy) / Math.max(1e-9, cpu.wallSeconds * cpus().length));
  return `${parts.map(([name, seconds]) => `${name} ${round(seconds)}`).join(', ')}; machine ${busy} % busy`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
