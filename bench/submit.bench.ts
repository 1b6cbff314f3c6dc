// `npm run bench -- submit [--queues 2000] [--tests 10] [--warmup-s 30] [--measure-s 60]`
// One submitter keeps `queues` sim queues at depth 2 (minQueueDepth 2; maxRunning 50, never reached). Every job
// waits 4-8 s and runs 5-10 s, so holding the depth takes about 2 × queues / 6 s submissions per second. Prints
// submissions/s over the measured window, the share of queues at depth when sampled, and the submitter's CPU and
// memory.
import { readPeakRssMb, readProcCpu, readRssMb } from './ingest/proc-stats.util';
import { percentile } from './ingest/percentile.util';
import { parseCountOptions } from './submission/count-options.util';
import { seedSimTestGrid } from './submission/sim-test-grid';
import { withSubmissionEnvironment, type SubmissionEnvironment } from './submission/submission-environment';
import { sleep, waitFor } from './submission/wait-for';

const OPTIONS = { queues: 2000, tests: 10, 'warmup-s': 30, 'measure-s': 60, seed: 7 };
const DEPTH = 2;

async function submittedSince(env: SubmissionEnvironment, since: Date): Promise<number> {
  const [{ n }] = await env.db.dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM jobs WHERE submitted_at >= $1`,
    [since],
  );
  return n;
}

/** Share of queues with at least DEPTH jobs waiting, as the ingester has recorded them. */
async function shareAtDepth(env: SubmissionEnvironment, queues: number): Promise<number> {
  const [{ n }] = await env.db.dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (SELECT queue_id FROM jobs WHERE state = 'submitted'
                                      GROUP BY queue_id HAVING count(*) >= $1) q`,
    [DEPTH],
  );
  return n / queues;
}

async function main(): Promise<void> {
  const options = parseCountOptions(process.argv.slice(2), OPTIONS);
  const figures = await withSubmissionEnvironment(async (env) => {
    const { testIds } = await seedSimTestGrid(env.db.dataSource, {
      queues: options.queues,
      tests: options.tests,
      minQueueDepth: DEPTH,
      maxRunning: 50,
      timeScale: 1,
      seed: options.seed,
      queueModel: {
        failureProbability: 0.02,
        queueWaitSeconds: { kind: 'uniform', min: 4, max: 8 },
        runSeconds: { kind: 'uniform', min: 5, max: 10 },
        errorClass: 'site',
      },
    });
    env.start('ingester', 'ingester', { ANVIL_INGESTER_PORT: '0' });
    const submitter = env.start('submitter', 'submitter', {
      ANVIL_SUBMITTER_ID: 'sub-bench',
      ANVIL_SUBMITTER_PORT: '0',
      ANVIL_SIM_SEED: '7',
    });
    await sleep(2000);
    env.start('scheduler', 'scheduler', { ANVIL_SCHEDULER_PORT: '0' });
    await waitFor(
      'the submitter to run every test',
      () =>
        testIds.every((id) => submitter.logs.some((l) => l.message === 'keeper started' && l.testId === id))
          ? true
          : undefined,
      60_000,
    );
    await sleep(options['warmup-s'] * 1000);
    const pid = submitter.pid as number;
    const cpuBefore = readProcCpu(pid);
    const start = new Date();
    const depthSamples: number[] = [];
    const rssSamples: number[] = [];
    const end = Date.now() + options['measure-s'] * 1000;
    while (Date.now() < end) {
      await sleep(5000);
      depthSamples.push(await shareAtDepth(env, options.queues));
      rssSamples.push(readRssMb(pid));
    }
    const seconds = (Date.now() - start.getTime()) / 1000;
    const cpuAfter = readProcCpu(pid);
    const submissions = await submittedSince(env, start);
    const cpuSeconds = (cpuAfter?.ownSeconds ?? NaN) - (cpuBefore?.ownSeconds ?? NaN);
    depthSamples.sort((a, b) => a - b);
    rssSamples.sort((a, b) => a - b);
    return {
      queues: options.queues,
      submissions_per_s: Number((submissions / seconds).toFixed(1)),
      submissions,
      measured_s: Number(seconds.toFixed(1)),
      queues_at_depth_median: Number(percentile(depthSamples, 50).toFixed(3)),
      queues_at_depth_min: Number((depthSamples[0] ?? NaN).toFixed(3)),
      submitter_cpu_percent: Number(((100 * cpuSeconds) / seconds).toFixed(1)),
      submitter_rss_mb_median: Number(percentile(rssSamples, 50).toFixed(1)),
      submitter_peak_rss_mb: Number(readPeakRssMb(pid).toFixed(1)),
    };
  });
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
