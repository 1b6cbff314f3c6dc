import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertGrid } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  loadExampleWorkload,
  ServiceProcess,
  uniqueName,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { SubmitterFixtures } from './submitter-fixtures';

// Requires the built services (`npm run build`) and the single-node Slurm cluster (`bash infra/slurm/slurm.sh ensure`,
// which `npm test` runs): partitions anvil-a, anvil-b and anvil-c.

const PARTITIONS = ['anvil-a', 'anvil-b', 'anvil-c'];
/** The partition whose input file is missing: its data-access jobs must fail as the site's fault. */
const NO_INPUT = 'anvil-c';
const JOBS_PER_QUEUE = 2;
const queueIdOf = (partition: string): string => `ANVIL-SLURM_${partition.toUpperCase().replace('-', '_')}`;

interface JobRow {
  queueId: string;
  state: string;
  exitCode: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  wallSeconds: number | null;
  cpuSeconds: number | null;
  maxRssKb: string | null;
  events: string | null;
  metrics: Record<string, number>;
}

describe('a functional test over three Slurm partitions with the example workloads', () => {
  const submitterId = uniqueName('sub-slurm');
  let db: TestDatabase;
  let testBus: TestBus;
  let workDir: string;
  let submitter: ServiceProcess;
  let ingester: ServiceProcess;
  let cpuTest: string;
  let dataTest: string;

  const finalJobs = async (testId: string): Promise<JobRow[]> =>
    db.dataSource.query<JobRow[]>(
      `SELECT queue_id AS "queueId", state, exit_code AS "exitCode", error_class AS "errorClass",
              error_message AS "errorMessage", wall_seconds AS "wallSeconds", cpu_seconds AS "cpuSeconds",
              max_rss_kb AS "maxRssKb", events, metrics
       FROM jobs WHERE test_id = $1 AND state NOT IN ('submitted', 'running') ORDER BY queue_id`,
      [testId],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    testBus = await createTestBus();
    workDir = mkdtempSync(join(tmpdir(), 'anvil-slurm-functional-'));
    const dataDir = join(workDir, 'data');
    for (const partition of PARTITIONS.filter((p) => p !== NO_INPUT)) {
      mkdirSync(join(dataDir, partition), { recursive: true });
      writeFileSync(join(dataDir, partition, 'input.dat'), 'x'.repeat(64 * 1024));
    }
    const fixtures = new SubmitterFixtures(db.dataSource);
    await insertGrid(db.dataSource, {
      sites: [{ id: 'ANVIL-SLURM', name: 'Anvil Slurm', labels: {} }],
      queues: PARTITIONS.map((partition) => ({
        id: queueIdOf(partition),
        siteId: 'ANVIL-SLURM',
        name: partition,
        backend: 'slurm',
        backendConfig: { partition },
        labels: {},
      })),
    });
    const queueIds = PARTITIONS.map(queueIdOf);
    const profile = { minQueueDepth: 1, maxRunning: JOBS_PER_QUEUE, totalJobs: JOBS_PER_QUEUE };
    const cpu = { ...loadExampleWorkload('cpu-benchmark'), env: { ANVIL_EVENTS: '50000' } };
    const data = {
      ...loadExampleWorkload('data-access-check'),
      inputs: [{ path: `${dataDir}/\${queue.name}/input.dat` }],
    };
    cpuTest = await fixtures.runningTest(await fixtures.template(profile, cpu), submitterId, queueIds);
    dataTest = await fixtures.runningTest(await fixtures.template(profile, data), submitterId, queueIds);
    const env = { ...db.env, ...testBus.env };
    ingester = ServiceProcess.start('ingester', { ...env, ANVIL_INGESTER_PORT: '0' });
    submitter = ServiceProcess.start('submitter', {
      ...env,
      ANVIL_SUBMITTER_ID: submitterId,
      ANVIL_SUBMITTER_PORT: '0',
      ANVIL_SUBMITTER_TICK_MS: '500',
      ANVIL_SLURM_WORK_DIR: join(workDir, 'jobs'),
    });
  });

  afterAll(async () => {
    await submitter?.stop();
    await ingester?.stop();
    await testBus?.cleanup();
    await db?.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const allFinal = async (testId: string): Promise<JobRow[]> => {
    let rows: JobRow[] = [];
    await expectEventually(
      async () => {
        rows = await finalJobs(testId);
        expect(rows).toHaveLength(PARTITIONS.length * JOBS_PER_QUEUE);
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${submitter.describe()}`);
    });
    return rows;
  };

  it('completes the CPU benchmark on every partition with exit code, times, memory and events/s', async () => {
    const rows = await allFinal(cpuTest);
    expect(new Set(rows.map((r) => r.queueId)).size).toBe(PARTITIONS.length);
    for (const row of rows) {
      expect(row).toMatchObject({ state: 'completed', exitCode: 0, errorClass: null });
      expect(row.wallSeconds).toBeGreaterThan(0);
      expect(row.cpuSeconds).toBeGreaterThanOrEqual(0);
      expect(Number(row.maxRssKb)).toBeGreaterThan(0);
      expect(Number(row.events)).toBe(50000);
      expect(row.metrics.events_per_second).toBeGreaterThan(0);
    }
  });

  it('fails the data-access check as a site error only where the input is missing', async () => {
    const rows = await allFinal(dataTest);
    for (const row of rows) {
      if (row.queueId === queueIdOf(NO_INPUT)) {
        expect(row).toMatchObject({ state: 'failed', exitCode: 66, errorClass: 'site' });
        expect(row.errorMessage).toContain('input file missing');
      } else {
        expect(row).toMatchObject({ state: 'completed', exitCode: 0, errorClass: null });
        expect(row.metrics.bytes_read).toBe(64 * 1024);
      }
    }
  }, 150_000);
});
