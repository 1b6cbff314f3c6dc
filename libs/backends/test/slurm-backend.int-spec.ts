// The slurm backend against the real single-node cluster of infra/slurm (started here when `sinfo` does not
// answer), on partitions anvil-a, anvil-b and anvil-c. Each run uses its own work and input directories.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectEventually, loadExampleWorkload } from '@anvil/testing';
import type { BackendJobStatus } from '../src/backend-job-status';
import type { JobSpec } from '../src/job-spec';
import { parseWorkloadSpec } from '../src/workload/parse-workload-spec';
import type { WorkloadSpec } from '../src/workload/workload-spec';
import { SlurmBackend } from '../src/slurm/slurm-backend';
import { SlurmBackendErrorCode, SlurmBackendException } from '../src/slurm/slurm-backend.exception';
import { SLURM_JOB_FILES, SLURM_JOB_INDEX_DIR } from '../src/slurm/slurm-job-files.constant';

const REPO_ROOT = resolve(__dirname, '../../..');

function run(
  file: string,
  args: string[],
  timeoutMs = 30_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

async function ensureCluster(): Promise<void> {
  const sinfo = await run('sinfo', ['--noheader', '--format=%T'], 10_000);
  if (sinfo.code === 0 && /idle|mixed|alloc/.test(sinfo.stdout)) {
    return;
  }
  const ensure = await run('bash', [join(REPO_ROOT, 'infra/slurm/slurm.sh'), 'ensure'], 900_000);
  if (ensure.code !== 0) {
    throw new Error(`infra/slurm/slurm.sh ensure failed: ${ensure.stderr}`);
  }
}

const testId = randomUUID();
let workDir = '';
let inputRoot = '';
let backend: SlurmBackend;
const submitted: string[] = [];

function jobSpec(workload: WorkloadSpec, partition: string, jobId = randomUUID()): JobSpec {
  const queueId = `slurm-${partition}`;
  return {
    jobId,
    testId,
    queueId,
    submittedAt: new Date(),
    backendConfig: { partition },
    workload,
    variables: { testId, queueId, queueName: partition, siteId: 'anvil-local', jobId, jobIndex: 0, backend: 'slurm' },
  };
}

async function submit(spec: JobSpec): Promise<string> {
  const { backendJobId } = await backend.submit(spec);
  submitted.push(backendJobId);
  return backendJobId;
}

async function eventually(id: string, states: readonly string[], timeoutMs = 30_000): Promise<BackendJobStatus> {
  return expectEventually(
    async () => {
      const status = (await backend.poll([id])).get(id);
      expect(states).toContain(status?.state);
      return status!;
    },
    { timeoutMs, intervalMs: 250 },
  );
}

const FINAL = ['completed', 'failed', 'cancelled'];

function shellWorkload(script: string, extra: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return parseWorkloadSpec({ script, resources: { cores: 1, memoryMb: 64, timeLimitSeconds: 60 }, ...extra });
}

describe(SlurmBackend.name, () => {
  beforeAll(async () => {
    await ensureCluster();
    workDir = await mkdtemp(join(tmpdir(), 'anvil-slurm-backend-'));
    inputRoot = await mkdtemp(join(tmpdir(), 'anvil-slurm-inputs-'));
    backend = new SlurmBackend({ workDir, commandTimeoutMs: 20_000 });
  }, 900_000);

  afterAll(async () => {
    await Promise.all(submitted.map((id) => run('scancel', [id])));
    await rm(workDir, { recursive: true, force: true });
    await rm(inputRoot, { recursive: true, force: true });
  });

  describe('submit', () => {
    it('runs the cpu benchmark to completion on anvil-a with its metrics and usage', async () => {
      const workload = parseWorkloadSpec(loadExampleWorkload('cpu-benchmark'));
      const spec = jobSpec(workload, 'anvil-a');
      const id = await submit(spec);
      expect(id).toMatch(/^[0-9]+$/);

      const status = await eventually(id, FINAL);

      expect(status).toMatchObject({ state: 'completed', exitCode: 0, events: 200000 });
      expect(status.metrics?.events_per_second).toBeGreaterThan(0);
      expect(status.wallSeconds).toBeGreaterThan(0);
      expect(status.wallSeconds).toBeLessThan(60);
      expect(status.cpuSeconds).toBeGreaterThanOrEqual(0);
      expect(status.cpuSeconds).toBeLessThanOrEqual(status.wallSeconds! + 1);
      expect(status.maxRssKb).toBeGreaterThan(0);
      expect(status.startedAt!.getTime()).toBeLessThanOrEqual(status.finishedAt!.getTime());
      const stdout = await readFile(join(workDir, testId, spec.jobId, SLURM_JOB_FILES.stdout), 'utf8');
      expect(stdout).toContain(`cpu benchmark: job ${spec.jobId} on queue anvil-a, 200000 events`);
    });

    it('submits a retried job once', async () => {
      const spec = jobSpec(shellWorkload('echo once'), 'anvil-a');
      const first = await submit(spec);

      expect((await backend.submit(spec)).backendJobId).toBe(first);
    });

    it("exports the job's environment but not the submitter's", async () => {
      process.env.ANVIL_SLURM_TEST_SECRET = 'leaked';
      const spec = jobSpec(
        shellWorkload(
          'echo "job=$ANVIL_JOB_ID queue=$ANVIL_QUEUE_NAME probe=${ANVIL_SLURM_TEST_SECRET:-absent} cwd=$PWD"',
        ),
        'anvil-b',
      );
      try {
        await eventually(await submit(spec), ['completed']);
      } finally {
        delete process.env.ANVIL_SLURM_TEST_SECRET;
      }
      const dir = join(workDir, testId, spec.jobId);
      expect(await readFile(join(dir, SLURM_JOB_FILES.stdout), 'utf8')).toBe(
        `job=${spec.jobId} queue=anvil-b probe=absent cwd=${dir}\n`,
      );
    });

    it('refuses an unknown partition with sbatch’s own error and leaves no directory behind', async () => {
      const spec = jobSpec(shellWorkload('true'), 'anvil-nope');

      const error = await backend.submit(spec).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(SlurmBackendException);
      expect((error as SlurmBackendException).code).toBe(SlurmBackendErrorCode.CommandFailed);
      expect((error as Error).message).toMatch(/^sbatch --parsable .*failed \(exit 1\): .*invalid partition/is);
      await expect(stat(join(workDir, testId, spec.jobId))).rejects.toThrow('ENOENT');
    });

    it('refuses a workload with a container image', async () => {
      const spec = jobSpec(shellWorkload('true', { image: 'alpine:3' }), 'anvil-a');

      await expect(backend.submit(spec)).rejects.toThrow('the slurm backend cannot run container images');
    });

    it('refuses an invalid queue config, naming the field', async () => {
      const spec = { ...jobSpec(shellWorkload('true'), 'anvil-a'), backendConfig: { partition: 'anvil-a', qoss: 'x' } };

      await expect(backend.submit(spec)).rejects.toThrow('queue slurm-anvil-a backendConfig.qoss is not a known field');
    });
  });

  describe('poll', () => {
    it('fails the data-access check as a site error where its input is missing, completes it where it is there', async () => {
      const example = loadExampleWorkload('data-access-check');
      const workload = parseWorkloadSpec({ ...example, inputs: [{ path: `${inputRoot}/\${queue.name}/input.dat` }] });
      await mkdir(join(inputRoot, 'anvil-b'));
      await writeFile(join(inputRoot, 'anvil-b', 'input.dat'), 'x'.repeat(4096));
      const [missing, present] = await Promise.all([
        submit(jobSpec(workload, 'anvil-c')),
        submit(jobSpec(workload, 'anvil-b')),
      ]);

      const failed = await eventually(missing, FINAL);
      const completed = await eventually(present, FINAL);

      expect(failed).toMatchObject({
        state: 'failed',
        exitCode: 66,
        errorClass: 'site',
        errorMessage: `input file missing: ${inputRoot}/anvil-c/input.dat`,
      });
      expect(completed).toMatchObject({ state: 'completed', exitCode: 0, metrics: { bytes_read: 4096 } });
    });

    it('ends a job at its time limit, to the second, as timed out', async () => {
      const spec = jobSpec(shellWorkload('echo started; sleep 30', { resources: { timeLimitSeconds: 2 } }), 'anvil-a');
      const id = await submit(spec);

      const status = await eventually(id, FINAL);

      expect(status).toMatchObject({
        state: 'failed',
        exitCode: 124,
        errorClass: 'unknown',
        errorMessage: 'the job exceeded its time limit of 2 s',
      });
      expect(status.wallSeconds).toBeGreaterThanOrEqual(2);
      expect(status.wallSeconds).toBeLessThan(10);
    });

    it('kills a workload that ignores SIGTERM at its time limit, and still reports it timed out', async () => {
      const id = await submit(
        jobSpec(shellWorkload("trap '' TERM; sleep 40", { resources: { timeLimitSeconds: 1 } }), 'anvil-c'),
      );

      const status = await eventually(id, FINAL, 40_000);

      expect(status).toMatchObject({
        state: 'failed',
        exitCode: 124,
        errorMessage: 'the job exceeded its time limit of 1 s',
      });
    }, 60_000);

    it('answers many jobs in one call: known ones by state, unknown ones not at all', async () => {
      const spec = jobSpec(shellWorkload('sleep 20'), 'anvil-a');
      const running = await submit(spec);
      await eventually(running, ['running']);
      // An id Slurm never handed out, with a job directory: squeue is asked about it together with the other.
      const neverIssued = '99999998';
      await symlink(join(workDir, testId, spec.jobId), join(workDir, SLURM_JOB_INDEX_DIR, neverIssued));

      const statuses = await backend.poll([running, neverIssued, '99999995', 'not-a-slurm-id', running]);

      expect([...statuses.keys()]).toEqual([running]);
      expect(statuses.get(running)?.state).toBe('running');
      expect(statuses.get(running)?.startedAt).toBeInstanceOf(Date);
      await unlink(join(workDir, SLURM_JOB_INDEX_DIR, neverIssued));
      await backend.cancel(running);
    });

    it('answers a job Slurm no longer lists from its files', async () => {
      const spec = jobSpec(
        shellWorkload('echo done; exit 3', { errorRules: [{ errorClass: 'workload', exitCodes: [3] }] }),
        'anvil-b',
      );
      const id = await submit(spec);
      await eventually(id, FINAL);
      // The same files under a Slurm id the cluster never handed out: as after MinJobAge.
      const forgotten = '99999999';
      const copy = join(workDir, testId, randomUUID());
      await cp(join(workDir, testId, spec.jobId), copy, { recursive: true });
      await unlink(join(copy, SLURM_JOB_FILES.status));
      await symlink(copy, join(workDir, SLURM_JOB_INDEX_DIR, forgotten));

      const status = (await backend.poll([forgotten])).get(forgotten);

      expect(status).toMatchObject({ state: 'failed', exitCode: 3, errorClass: 'workload' });
      await rm(copy, { recursive: true });
      await unlink(join(workDir, SLURM_JOB_INDEX_DIR, forgotten));
    });
  });

  describe('cancel', () => {
    it('cancels a running job, and does nothing to a final or unknown one', async () => {
      const id = await submit(jobSpec(shellWorkload('sleep 60'), 'anvil-b'));
      await eventually(id, ['running']);

      await backend.cancel(id);

      const status = await eventually(id, FINAL);
      expect(status.state).toBe('cancelled');
      expect(status.finishedAt).toBeInstanceOf(Date);
      await backend.cancel(id);
      await backend.cancel('99999997');
      expect((await backend.poll([id])).get(id)?.state).toBe('cancelled');
    });
  });

  describe('jobsOfTest', () => {
    it("lists the test's jobs, and finds one whose Slurm id was never recorded by its name", async () => {
      const otherTest = randomUUID();
      const spec = { ...jobSpec(shellWorkload('sleep 5'), 'anvil-c'), testId: otherTest };
      const id = await submit(spec);
      const dir = join(workDir, otherTest, spec.jobId);
      // As if the submitter died between sbatch and recording the id.
      await unlink(join(dir, SLURM_JOB_FILES.slurmJobId));
      await unlink(join(workDir, SLURM_JOB_INDEX_DIR, id));

      const jobs = await backend.jobsOfTest(otherTest);

      expect(jobs).toEqual([
        { jobId: spec.jobId, queueId: 'slurm-anvil-c', backendJobId: id, submittedAt: spec.submittedAt },
      ]);
      expect((await backend.poll([id])).get(id)?.state).toMatch(/submitted|running|completed/);
      expect(await backend.jobsOfTest(randomUUID())).toEqual([]);
    });
  });

  describe('when Slurm is down', () => {
    const originalConf = process.env.SLURM_CONF;
    let open = '';

    /** The cluster's config with the controller on a port nobody listens on. */
    async function deadConf(name: string, extra: string): Promise<string> {
      const conf = await readFile('/etc/slurm/slurm.conf', 'utf8');
      const path = join(workDir, name);
      await writeFile(path, `${conf.replace(/^SlurmctldPort=.*$/m, 'SlurmctldPort=6899')}\n${extra}\n`);
      return path;
    }

    beforeAll(async () => {
      open = await submit(jobSpec(shellWorkload('sleep 30'), 'anvil-a'));
    });

    afterAll(async () => {
      await backend.cancel(open);
    });

    afterEach(() => {
      if (originalConf === undefined) {
        delete process.env.SLURM_CONF;
      } else {
        process.env.SLURM_CONF = originalConf;
      }
    });

    it('throws from submit, poll and cancel, naming the command and what it said', async () => {
      process.env.SLURM_CONF = await deadConf('unreachable.conf', 'MessageTimeout=1');
      const unreachable = /failed \(exit [0-9]+\): .*Unable to contact slurm controller/s;

      await expect(backend.submit(jobSpec(shellWorkload('true'), 'anvil-a'))).rejects.toThrow(/^sbatch --parsable /);
      await expect(backend.submit(jobSpec(shellWorkload('true'), 'anvil-a'))).rejects.toThrow(unreachable);
      await expect(backend.poll([open])).rejects.toThrow(new RegExp(`^squeue --noheader --states=all --jobs=${open} `));
      await expect(backend.poll([open])).rejects.toThrow(unreachable);
      await expect(backend.cancel(open)).rejects.toThrow(new RegExp(`^scancel ${open} ${unreachable.source}`, 's'));
      // A job whose final status is stored needs no squeue.
      expect((await backend.poll([submitted[0]])).get(submitted[0])?.state).toBe('completed');
    });

    it('kills a command that does not answer within commandTimeoutMs', async () => {
      process.env.SLURM_CONF = await deadConf('slow.conf', 'MessageTimeout=20');
      const impatient = new SlurmBackend({ workDir, commandTimeoutMs: 500 });

      const error = await impatient.poll([open]).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ code: SlurmBackendErrorCode.CommandTimedOut });
      expect((error as Error).message).toMatch(/^squeue .* timed out after 500 ms/);
    });

    it('answers again once Slurm is back', async () => {
      expect((await backend.poll([open])).get(open)?.state).toMatch(/submitted|running/);
    });
  });

  describe('sweep', () => {
    it('removes the directories of jobs that ended longer than retainFinalMs ago; they are then unknown', async () => {
      const spec = jobSpec(shellWorkload('true'), 'anvil-a');
      const id = await submit(spec);
      await eventually(id, FINAL);
      const later = new SlurmBackend({ workDir, retainFinalMs: 60_000, clock: () => Date.now() + 120_000 });

      expect((await later.poll([id])).has(id)).toBe(false);
      await expect(stat(join(workDir, testId, spec.jobId))).rejects.toThrow('ENOENT');
    });
  });
});
