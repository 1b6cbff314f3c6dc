import { ServiceProcess } from '@anvil/testing';
import type { BenchEnvironment } from './bench-environment';
import type { IngestBenchOptions } from './ingest-bench-options.util';
import { ingestProblems } from './ingest-verifier';
import { runIngestPhase } from './ingest-phase';
import { JobEventMix, type ExpectedJobStates } from './job-event-mix.util';
import { measurePath, type PathResult } from './path-result';
import { readPeakRssMb } from './proc-stats.util';

// The ingester's durable consumer (services/ingester/src/jobs/jobs.constants.ts; a bench imports no service).
const INGESTER_DURABLE = 'ingester-jobs';
const START_TIMEOUT_MS = 60_000;

export interface IngesterPathResult extends PathResult {
  readonly replicas: number;
  /** Peak resident set of the largest replica, MB. */
  readonly peakRssMb: number;
  readonly warnings: string[];
}

/**
 * The real path: `replicas` built ingesters (`services/ingester/dist/main.js`) on one durable; a warm-up, then the
 * measured events published while they consume; then every row checked. `replicas` 0 measures publishing alone.
 */
export async function runIngesterPath(
  environment: BenchEnvironment,
  options: IngestBenchOptions,
): Promise<IngesterPathResult> {
  const ingesters = Array.from({ length: options.replicas }, (_, i) =>
    ServiceProcess.start(
      'ingester',
      { ...environment.env, ANVIL_INGESTER_PORT: '0', ANVIL_LOG_LEVEL: 'info' },
      `ingester-${i + 1}`,
    ),
  );
  const stopAll = () => Promise.all(ingesters.map((ingester) => ingester.stop()));
  environment.beforeRemoval(stopAll);
  const durable = options.replicas > 0 ? INGESTER_DURABLE : undefined;
  const mixOf = (events: number, seed: number) =>
    new JobEventMix({ events, queues: options.queues, tests: options.tests, seed });
  try {
    await waitForPullers(environment, ingesters);
    let expected = none();
    if (options.warmupEvents > 0) {
      const warmup = mixOf(options.warmupEvents, options.seed + 1_000);
      const { bus, publishing, grid, jobStream: stream } = environment;
      await runIngestPhase({
        bus: bus.bus,
        publishing,
        stream,
        durable,
        grid,
        mix: warmup,
        window: options.window,
        rate: 0,
      });
      expected = sum(expected, warmup.expected());
    }
    const mix = mixOf(options.events, options.seed);
    const pids = ingesters.map((ingester) => ingester.pid ?? 0);
    const measured = await measurePath(environment, mix, durable, options, {
      consumerPids: pids,
      databaseClientPids: pids,
    });
    const peakRssMb = Math.max(0, ...pids.map(readPeakRssMb));
    const problems =
      durable === undefined ? [] : await ingestProblems(environment.db.dataSource, sum(expected, mix.expected()), true);
    const dead = ingesters.filter((ingester) => !ingester.running);
    problems.push(...dead.map((ingester) => `${ingester.name} exited during the run:\n${ingester.describe()}`));
    const dlq = await environment.bus.bus.jsm.streams.info(environment.bus.bus.namespace.stream('ANVIL_DLQ'));
    if (dlq.state.messages > 0) {
      problems.push(`${dlq.state.messages} event(s) dead-lettered`);
    }
    const warnings = ingesters.flatMap((ingester) =>
      ingester.logs
        .filter((line) => ['warn', 'error', 'fatal'].includes(String(line['log.level'])))
        .map((line) => `${ingester.name}: ${String(line.message)}`),
    );
    return { ...measured, replicas: options.replicas, peakRssMb, problems, warnings };
  } finally {
    await stopAll();
  }
}

/** Waits until every replica has a pull request open on the durable (it is consuming). */
async function waitForPullers(environment: BenchEnvironment, ingesters: readonly ServiceProcess[]): Promise<void> {
  const startedAt = Date.now();
  while (ingesters.length > 0) {
    const info = await environment.bus.bus.jsm.consumers
      .info(environment.jobStream, INGESTER_DURABLE)
      .catch(() => undefined);
    if (info !== undefined && info.num_waiting >= ingesters.length) {
      return;
    }
    const dead = ingesters.find((ingester) => !ingester.running);
    if (dead !== undefined || Date.now() - startedAt > START_TIMEOUT_MS) {
      throw new Error(`the ingesters did not start consuming:\n${(dead ?? ingesters[0]).describe()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const none = (): ExpectedJobStates => ({ jobs: 0, submitted: 0, running: 0, completed: 0, failed: 0 });
const sum = (a: ExpectedJobStates, b: ExpectedJobStates): ExpectedJobStates => ({
  jobs: a.jobs + b.jobs,
  submitted: a.submitted + b.submitted,
  running: a.running + b.running,
  completed: a.completed + b.completed,
  failed: a.failed + b.failed,
});
