import { FINAL_JOB_STATES } from '@anvil/contracts';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadExampleWorkload } from '../../../testing/src/example-workload';
import { expectEventually } from '../../../testing/src/expect-eventually';
import type { BackendJobStatus } from '../backend-job-status';
import type { JobSpec } from '../job-spec';
import { parseWorkloadSpec } from '../workload/parse-workload-spec';
import type { WorkloadSpec } from '../workload/workload-spec';
import { LocalBackend } from './local-backend';
import { isProcessAlive } from './local-host.util';

let workDir: string;
let backend: LocalBackend;
const submitted: string[] = [];

function jobSpec(
  workload: WorkloadSpec,
  { testId = randomUUID(), queueId = randomUUID(), slots = 1, queueName = 'q' } = {},
): JobSpec {
  const jobId = randomUUID();
  return {
    jobId,
    testId,
    queueId,
    submittedAt: new Date('2030-01-02T03:04:05.678Z'),
    backendConfig: { slots },
    workload,
    variables: { testId, queueId, queueName, siteId: 'site-1', jobId, jobIndex: 0, backend: 'local' },
  };
}

async function submit(spec: JobSpec, on: LocalBackend = backend): Promise<string> {
  const { backendJobId } = await on.submit(spec);
  submitted.push(backendJobId);
  return backendJobId;
}

async function statusOf(id: string, on: LocalBackend = backend): Promise<BackendJobStatus | undefined> {
  return (await on.poll([id])).get(id);
}

function untilState(id: string, states: readonly string[], on: LocalBackend = backend): Promise<BackendJobStatus> {
  return expectEventually(
    async () => {
      const status = await statusOf(id, on);
      expect(states).toContain(status?.state);
      return status!;
    },
    { timeoutMs: 10_000, intervalMs: 30 },
  );
}

const untilFinal = (id: string, on: LocalBackend = backend): Promise<BackendJobStatus> =>
  untilState(id, FINAL_JOB_STATES, on);

/** A file the job writes its process ids to, so the test can check on them. */
async function readPid(path: string): Promise<number> {
  return expectEventually(async () => {
    const pid = Number((await readFile(path, 'utf8')).trim());
    expect(pid).toBeGreaterThan(1);
    return pid;
  });
}

/** Submits from a separate Node process that exits right after, as a submitter that dies would. */
async function submitFromAnotherProcess(spec: JobSpec): Promise<string> {
  const child = `
    const swc = require('@swc/core');
    require.extensions['.ts'] = (module, file) => module._compile(swc.transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
    }).code, file);
    const { LocalBackend } = require(process.argv[1]);
    const spec = JSON.parse(process.argv[2]);
    new LocalBackend({ workDir: process.argv[3] })
      .submit({ ...spec, submittedAt: new Date(spec.submittedAt) })
      .then(({ backendJobId }) => { process.stdout.write(backendJobId); process.exit(0); });
  `;
  const args = ['-e', child, join(__dirname, 'local-backend.ts'), JSON.stringify(spec), workDir];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: join(__dirname, '..', '..', '..', '..'),
  });
  submitted.push(stdout);
  return stdout;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'anvil-local-backend-'));
});

beforeEach(() => {
  backend = new LocalBackend({ workDir });
});

afterAll(async () => {
  // Ends every job, and waits until their wrappers have written their last file, before deleting them.
  await Promise.all(submitted.map((id) => backend.cancel(id)));
  await expectEventually(async () => {
    const states = [...(await backend.poll(submitted)).values()].map((s) => s.state);
    expect(states.filter((state) => !FINAL_JOB_STATES.includes(state))).toEqual([]);
  });
  await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
});

describe(LocalBackend.name, () => {
  describe('submit', () => {
    it('measures exit code, wall time, CPU time and max RSS of the script', async () => {
      const script = [
        'x=$(head -c 30000000 /dev/zero | tr "\\0" a)', // ~30 MB held by bash
        "awk 'BEGIN { for (i = 0; i < 3000000; i++) s += sqrt(i) }'",
        'echo "done ${#x}"',
        'exit 3',
      ].join('\n');
      const id = await submit(jobSpec({ script }));
      const status = await untilFinal(id);
      expect(status).toMatchObject({ state: 'failed', exitCode: 3, errorClass: 'unknown' });
      expect(status.errorMessage).toBe('the job exited with code 3');
      expect(status.cpuSeconds).toBeGreaterThan(0.05);
      expect(status.wallSeconds).toBeGreaterThan(0.05);
      expect(status.maxRssKb).toBeGreaterThan(30_000);
      expect(status.startedAt!.getTime()).toBeLessThanOrEqual(status.finishedAt!.getTime());
    });

    it('gives the script its job variables and environment, in its own working directory', async () => {
      const spec = jobSpec({
        command: 'echo "job ${job.id} of $ANVIL_TEST_ID says $GREETING"; pwd',
        env: { GREETING: "it's ${queue.name}" },
        success: { outputPattern: '^job \\S+ of \\S+ says it.s q$' },
      });
      const id = await submit(spec);
      expect(await untilFinal(id)).toMatchObject({ state: 'completed', exitCode: 0 });
    });

    it('submits a job once when it is submitted twice', async () => {
      const spec = jobSpec({ command: 'echo once' });
      const first = await submit(spec);
      expect(await submit(spec)).toBe(first);
      await untilFinal(first);
      expect(await backend.jobsOfTest(spec.testId)).toHaveLength(1);
    });

    it('refuses a workload with a container image', async () => {
      await expect(backend.submit(jobSpec({ command: 'true', image: 'alpine:3' }))).rejects.toThrow(
        'the local backend cannot run container images (workload.image alpine:3)',
      );
    });

    it('refuses a bad queue config, naming the field', async () => {
      const spec = { ...jobSpec({ command: 'true' }), queueId: 'Q1', backendConfig: { slots: 0 } };
      await expect(backend.submit(spec)).rejects.toThrow('queue Q1 backendConfig.slots must be an integer');
    });
  });

  describe('time limit', () => {
    it('kills the job at its time limit, with what it left running, and says it timed out', async () => {
      const script = 'sleep 30 &\necho "leftover $!"\nwait';
      const workload = {
        script,
        resources: { timeLimitSeconds: 1 },
        metrics: [{ name: 'leftover_pid', pattern: '^leftover (\\d+)' }],
      };
      const status = await untilFinal(await submit(jobSpec(workload)));
      expect(status).toMatchObject({ state: 'failed', exitCode: 124, errorClass: 'unknown' });
      expect(status.errorMessage).toBe('the job exceeded its time limit of 1 s');
      expect(status.wallSeconds).toBeGreaterThanOrEqual(1);
      expect(status.wallSeconds).toBeLessThan(5);
      const leftover = status.metrics?.leftover_pid;
      expect(leftover).toBeGreaterThan(1);
      await expectEventually(async () => expect(await isProcessAlive(leftover!)).toBe(false), { timeoutMs: 3_000 });
    });
  });

  describe('slots', () => {
    it('runs at most `slots` jobs of a queue at once, starting the others as slots free up', async () => {
      const queue = { queueId: randomUUID(), testId: randomUUID(), slots: 2 };
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        ids.push(await submit(jobSpec({ command: 'sleep 0.3' }, queue)));
      }
      const early = await backend.poll(ids);
      expect(ids.slice(2).map((id) => early.get(id)?.state)).toEqual(['submitted', 'submitted']);
      const finals = await Promise.all(ids.map((id) => untilFinal(id)));
      expect(finals.map((s) => s.state)).toEqual(Array(4).fill('completed'));
      // Most jobs running at one moment, from the recorded start and end times.
      const edges = finals.flatMap((s) => [
        { at: s.startedAt!.getTime(), delta: 1 },
        { at: s.finishedAt!.getTime(), delta: -1 },
      ]);
      edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
      let running = 0;
      let most = 0;
      for (const edge of edges) {
        running += edge.delta;
        most = Math.max(most, running);
      }
      expect(most).toBe(2);
    });
  });

  describe('cancel', () => {
    it('kills a running job and its process group; poll then says cancelled', async () => {
      const pidFile = join(workDir, `${randomUUID()}.pid`);
      const id = await submit(jobSpec({ command: `echo $$ > ${pidFile}; sleep 30` }));
      const pid = await readPid(pidFile);
      await backend.cancel(id);
      const status = await untilFinal(id);
      expect(status).toMatchObject({ state: 'cancelled', errorMessage: 'cancelled by the submitter' });
      expect(status.startedAt).toBeDefined();
      await expectEventually(async () => expect(await isProcessAlive(pid)).toBe(false), { timeoutMs: 3_000 });
    });

    it('cancels a waiting job, which then never starts and frees the queue for the next', async () => {
      const queue = { queueId: randomUUID(), slots: 1 };
      const running = await submit(jobSpec({ command: 'sleep 0.3' }, queue));
      const waiting = await submit(jobSpec({ command: 'true' }, queue));
      const next = await submit(jobSpec({ command: 'true' }, queue));
      await backend.cancel(waiting);
      const status = await untilFinal(waiting);
      expect(status.state).toBe('cancelled');
      expect(status.startedAt).toBeUndefined();
      expect((await untilFinal(running)).state).toBe('completed');
      expect((await untilFinal(next)).state).toBe('completed');
    });

    it('does nothing to a final or unknown job', async () => {
      const id = await submit(jobSpec({ command: 'echo hi' }));
      const done = await untilFinal(id);
      await backend.cancel(id);
      await backend.cancel('local-nope.nope');
      await backend.cancel('not-a-local-id');
      expect(await statusOf(id)).toEqual(done);
    });
  });

  describe('poll', () => {
    it('leaves out jobs it does not know', async () => {
      const id = await submit(jobSpec({ command: 'true' }));
      const statuses = await backend.poll([id, 'local-a.b', 'sim-x', '../../etc']);
      expect([...statuses.keys()]).toEqual([id]);
    });

    it('says failed (unknown) when the job vanished without an end, as after a reboot', async () => {
      const pgidFile = join(workDir, `${randomUUID()}.pgid`);
      const id = await submit(jobSpec({ command: `cut -d' ' -f5 /proc/$$/stat > ${pgidFile}; sleep 30` }));
      const pgid = await readPid(pgidFile);
      process.kill(-pgid, 'SIGKILL');
      const status = await untilFinal(id);
      expect(status).toMatchObject({ state: 'failed', errorClass: 'unknown' });
      expect(status.errorMessage).toMatch(/vanished without recording how it ended/);
    });

    it('forgets final jobs once they are older than retainFinalMs', async () => {
      let now = Date.now();
      const clocked = new LocalBackend({ workDir, retainFinalMs: 120_000, clock: () => now });
      const spec = jobSpec({ command: 'true' });
      const id = await submit(spec, clocked);
      await untilFinal(id, clocked);
      now += 61_000; // a sweep (the first was at the first poll); the job is a minute old
      expect(await statusOf(id, clocked)).toBeDefined();
      now += 61_000; // the next sweep; the job is two minutes old
      expect(await statusOf(id, clocked)).toBeUndefined();
      expect(await clocked.jobsOfTest(spec.testId)).toEqual([]);
    });
  });

  describe('example workloads', () => {
    it('reads events and events_per_second from the CPU benchmark', async () => {
      const workload = parseWorkloadSpec({ ...loadExampleWorkload('cpu-benchmark'), env: { ANVIL_EVENTS: '20000' } });
      const status = await untilFinal(await submit(jobSpec(workload)));
      expect(status).toMatchObject({ state: 'completed', exitCode: 0, events: 20_000 });
      expect(status.metrics?.events_per_second).toBeGreaterThan(0);
    });

    it('classifies a missing input of the data-access check as a site failure', async () => {
      const workload = parseWorkloadSpec(loadExampleWorkload('data-access-check'));
      const spec = jobSpec(workload, { queueName: `no-such-queue-${randomUUID()}` });
      const status = await untilFinal(await submit(spec));
      expect(status).toMatchObject({ state: 'failed', exitCode: 66, errorClass: 'site' });
      expect(status.errorMessage).toMatch(/^input file missing: \/var\/tmp\/anvil-examples\/no-such-queue-/);
    });
  });

  describe('another backend on the same workDir', () => {
    it('follows a job whose submitting process has exited', async () => {
      const spec = jobSpec({
        command: 'sleep 0.5; echo "finished alone"',
        success: { outputPattern: '^finished alone$' },
      });
      const id = await submitFromAnotherProcess(spec);
      expect(['submitted', 'running']).toContain((await statusOf(id))?.state);
      expect(await untilFinal(id)).toMatchObject({ state: 'completed', exitCode: 0 });
    });

    it("polls, starts, cancels and lists the first one's jobs", async () => {
      const other = new LocalBackend({ workDir });
      const queue = { queueId: randomUUID(), testId: randomUUID(), slots: 1 };
      const first = await submit(
        jobSpec(
          {
            command: 'sleep 0.2; echo "events processed: 7"',
            metrics: [{ name: 'events', pattern: '^events processed: (\\d+)' }],
          },
          queue,
        ),
      );
      const second = await submit(jobSpec({ command: 'sleep 30' }, queue));
      expect(await untilFinal(first, other)).toMatchObject({ state: 'completed', events: 7 });
      // Only the other backend polls: it starts the waiting job when the slot frees up.
      await untilState(second, ['running'], other);
      await other.cancel(second);
      expect((await untilFinal(second)).state).toBe('cancelled');
      const records = await other.jobsOfTest(queue.testId);
      expect(records.map((r) => r.backendJobId).sort()).toEqual([first, second].sort());
      expect(records[0]).toMatchObject({ queueId: queue.queueId, submittedAt: new Date('2030-01-02T03:04:05.678Z') });
    });
  });
});
