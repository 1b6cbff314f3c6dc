// `npm run bench -- submitter-failover [--queues 200] [--tests 4] [--before-s 30] [--after-s 30]`
// Two submitters feed `queues` sim queues through the scheduler; one is killed with SIGKILL mid-run. Prints
// {"lost":N,"duplicated":N,"takeover_s":N,...}: jobs the grid received that never reached a final state (or
// ended `lost`), jobs submitted twice, and seconds from the kill until the survivor ran every orphaned test.
import { SimBackend } from '@anvil/backends';
import { redisKey } from '@anvil/db';
import type { LogLine, ServiceProcess } from '@anvil/testing';
import { accountJobs, type GridJob } from './submission/job-accounting';
import { seedSimTestGrid } from './submission/sim-test-grid';
import { parseCountOptions } from './submission/count-options.util';
import { withSubmissionEnvironment, type SubmissionEnvironment } from './submission/submission-environment';
import { sleep, waitFor } from './submission/wait-for';

const MAX_RUNNING = 3;
const OPTIONS = { queues: 200, tests: 4, 'before-s': 30, 'after-s': 30, seed: 7 };

const submitterEnv = (id: string): Record<string, string> => ({
  ANVIL_SUBMITTER_ID: id,
  ANVIL_SUBMITTER_PORT: '0',
  ANVIL_SUBMITTER_TICK_MS: '500',
  ANVIL_SUBMITTER_RECONCILE_MS: '3000',
  ANVIL_SUBMITTER_HEARTBEAT_MS: '1000',
  ANVIL_SIM_SEED: '7',
});

/** Epoch ms of the first log line of `process` saying `message` about `testId`. */
function loggedAt(process: ServiceProcess, message: string, testId: string): number | undefined {
  const line = process.logs.find((l: LogLine) => l.message === message && l.testId === testId);
  return line === undefined ? undefined : Date.parse(String(line['@timestamp']));
}

async function owners(env: SubmissionEnvironment, testIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await env.db.dataSource.query<{ id: string; submitter_id: string | null }[]>(
    `SELECT id, submitter_id FROM tests WHERE id = ANY($1::uuid[])`,
    [testIds],
  );
  return new Map(rows.filter((r) => r.submitter_id !== null).map((r) => [r.id, r.submitter_id as string]));
}

async function main(): Promise<void> {
  const options = parseCountOptions(process.argv.slice(2), OPTIONS);
  const figures = await withSubmissionEnvironment(async (env) => {
    const { testIds } = await seedSimTestGrid(env.db.dataSource, {
      queues: options.queues,
      tests: options.tests,
      minQueueDepth: 2,
      maxRunning: MAX_RUNNING,
      timeScale: 0.5,
      seed: options.seed,
    });
    env.start('ingester', 'ingester', { ANVIL_INGESTER_PORT: '0' });
    const submitters = {
      'sub-a': env.start('submitter', 'sub-a', submitterEnv('sub-a')),
      'sub-b': env.start('submitter', 'sub-b', submitterEnv('sub-b')),
    };
    // Both submitters heartbeat before the scheduler assigns, so the tests are shared between them.
    await sleep(3000);
    env.start('scheduler', 'scheduler', { ANVIL_SCHEDULER_PORT: '0' });
    const owner = await waitFor(
      'every test to be assigned',
      async () => {
        const found = await owners(env, testIds);
        return found.size === testIds.length ? found : undefined;
      },
      60_000,
    );
    console.error(`tests assigned: ${JSON.stringify(Object.fromEntries(owner))}`);
    await sleep(options['before-s'] * 1000);

    const victimId = [...owner.values()].includes('sub-a') ? 'sub-a' : 'sub-b';
    const survivorId = victimId === 'sub-a' ? 'sub-b' : 'sub-a';
    const orphaned = testIds.filter((id) => owner.get(id) === victimId);
    await submitters[victimId].kill();
    const killedAt = Date.now();
    console.error(`killed ${victimId} (SIGKILL) owning ${orphaned.length} tests`);
    const survivor = submitters[survivorId];
    const takenOverAt = await waitFor(
      `${survivorId} to run every orphaned test`,
      () => {
        const times = orphaned.map((id) => loggedAt(survivor, 'keeper started', id));
        return times.every((t) => t !== undefined && t >= killedAt) ? Math.max(...(times as number[])) : undefined;
      },
      120_000,
    );
    console.error(`takeover after ${((takenOverAt - killedAt) / 1000).toFixed(1)} s`);
    await sleep(options['after-s'] * 1000);

    // End the tests: the survivor cancels what is in flight; then wait until the ingester has recorded it all.
    await env.db.dataSource.query(`UPDATE tests SET end_at = now() WHERE id = ANY($1::uuid[])`, [testIds]);
    await waitFor(
      'the survivor to stop every keeper',
      () => (testIds.every((id) => loggedAt(survivor, 'keeper removed', id) !== undefined) ? true : undefined),
      120_000,
    );
    await waitFor(
      'every job row to reach a final state',
      async () => {
        const [{ n }] = await env.db.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM jobs WHERE test_id = ANY($1::uuid[]) AND state IN ('submitted', 'running')`,
          [testIds],
        );
        return n === 0 ? true : undefined;
      },
      120_000,
      1000,
    );
    await sleep(2000);
    const grid = new SimBackend({ seed: 7, redis: env.redis, keyPrefix: redisKey(env.bus.namespace, 'sim') });
    const gridJobs: GridJob[] = [];
    for (const testId of testIds) {
      gridJobs.push(...(await grid.jobsOfTest(testId)));
    }
    const repeated = await grid.repeatedSubmissions();
    const accounting = await accountJobs(env.db.dataSource, testIds, gridJobs, repeated, MAX_RUNNING);
    const adopted = survivor.logs
      .filter((l) => l.message === 'adopting jobs the backends hold but the database does not know')
      .reduce((sum, l) => sum + Number(l.unannounced ?? 0), 0);
    return {
      lost: accounting.lost,
      duplicated: accounting.duplicated,
      takeover_s: Number(((takenOverAt - killedAt) / 1000).toFixed(1)),
      queues: options.queues,
      tests: options.tests,
      orphaned_tests: orphaned.length,
      grid_jobs: accounting.gridJobs,
      job_rows: accounting.rows,
      phantom: accounting.phantom,
      over_limit: accounting.overLimit,
      repeated_submissions: repeated,
      adopted_unannounced: adopted,
      by_state: accounting.byState,
    };
  });
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
