import type { BenchEnvironment } from './bench-environment';
import type { IngestBenchOptions } from './ingest-bench-options.util';
import { ingestProblems } from './ingest-verifier';
import { JobEventMix } from './job-event-mix.util';
import { NAIVE_DURABLE, NaiveJobConsumer } from './naive-job-consumer';
import { measurePath, type PathResult } from './path-result';

/** The naive path on `naiveEvents` events of the same mix, measured the same way (it runs inside the bench). */
export async function runNaivePath(environment: BenchEnvironment, options: IngestBenchOptions): Promise<PathResult> {
  const consumer = new NaiveJobConsumer(environment.bus.bus, environment.db.dataSource);
  await consumer.start(environment.jobStream);
  environment.beforeRemoval(() => consumer.stop());
  try {
    const mix = new JobEventMix({
      events: options.naiveEvents,
      queues: options.queues,
      tests: options.tests,
      seed: options.seed + 2_000,
    });
    const measured = await measurePath(environment, mix, NAIVE_DURABLE, options, {
      consumerPids: [],
      databaseClientPids: [process.pid],
    });
    const problems = await ingestProblems(environment.db.dataSource, mix.expected(), false);
    if (consumer.failures > 0) {
      problems.push(`${consumer.failures} save(s) failed and were retried`);
    }
    return { ...measured, problems };
  } finally {
    await consumer.stop();
  }
}
