// The Slurm actuator against the real single-node cluster of infra/slurm (started here when `sinfo`
// does not answer). Uses only the partition reserved for it, `anvil-actuator`, and puts its
// AllowGroups back as found. Needs root: it changes partitions and submits as the users `anvil-test`
// (in the test group) and `anvil-prod` (a production user) that `slurm.sh ensure` creates.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectEventually } from '@anvil/testing';
import type { QueueStatusChange } from '../src/actuators/queue-actuator';
import { SlurmPartitionActuator } from '../src/actuators/slurm-partition.actuator';
import { SlurmPartitionErrorCode } from '../src/actuators/slurm-partition.exception';

const PARTITION = 'anvil-actuator';
const TEST_GROUP = 'anvil-test';
const TEST_USER = 'anvil-test';
const PROD_USER = 'anvil-prod';
const REPO_ROOT = resolve(__dirname, '../../..');

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; resolves with its exit code instead of rejecting. */
function run(file: string, args: string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((done) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

async function scontrol(...args: string[]): Promise<string> {
  const result = await run('scontrol', args);
  if (result.code !== 0) {
    throw new Error(`scontrol ${args.join(' ')}: ${result.stderr} ${result.stdout}`);
  }
  return result.stdout;
}

async function allowGroups(partition = PARTITION): Promise<string> {
  const line = await scontrol('--oneliner', 'show', 'partition', partition);
  return /AllowGroups=(\S+)/.exec(line)![1];
}

async function jobState(jobId: string): Promise<string> {
  const line = await scontrol('--oneliner', 'show', 'job', jobId);
  return `${/JobState=(\S+)/.exec(line)![1]} ${/Reason=(\S+)/.exec(line)![1]}`;
}

const submitted: string[] = [];

/** sbatch as `user` (auth/none: slurmctld trusts the uid the client runs as). */
async function submitAs(user: string, ...options: string[]): Promise<RunResult> {
  const result = await run('runuser', [
    '-u',
    user,
    '--',
    'sbatch',
    '--parsable',
    `--partition=${PARTITION}`,
    '--chdir=/tmp',
    '--output=/dev/null',
    '--time=1',
    ...options,
    '--wrap',
    'true',
  ]);
  if (result.code === 0) {
    submitted.push(result.stdout.trim());
  }
  return { ...result, stdout: result.stdout.trim() };
}

async function clusterReady(): Promise<boolean> {
  const [sinfo, users] = await Promise.all([
    run('sinfo', ['--noheader', '--format=%T'], 10_000),
    run('getent', ['passwd', TEST_USER, PROD_USER]),
  ]);
  return sinfo.code === 0 && /idle|mixed|alloc/.test(sinfo.stdout) && users.stdout.trim().split('\n').length === 2;
}

function change(status: QueueStatusChange['status'], partition = PARTITION): QueueStatusChange {
  return {
    decisionId: '00000000-0000-4000-8000-000000000001',
    queueId: `slurm-${partition}`,
    siteId: 'anvil-local',
    backend: 'slurm',
    backendConfig: { partition },
    status,
    source: 'policy',
    reason: 'slurm actuator integration test',
    decidedAt: Date.now(),
  };
}

describe(SlurmPartitionActuator.name, () => {
  const actuator = new SlurmPartitionActuator({ testGroup: TEST_GROUP });
  let foundAllowGroups = 'ALL';
  // A production job that became eligible while its partition was excluded.
  let waitingJob = '';

  beforeAll(async () => {
    if (process.getuid?.() !== 0) {
      throw new Error('the Slurm actuator test needs root (it updates partitions and submits as other users)');
    }
    if (!(await clusterReady())) {
      const ensure = await run('bash', [join(REPO_ROOT, 'infra/slurm/slurm.sh'), 'ensure'], 900_000);
      if (ensure.code !== 0) {
        throw new Error(`infra/slurm/slurm.sh ensure failed: ${ensure.stderr}`);
      }
    }
    foundAllowGroups = await allowGroups();
    if (foundAllowGroups !== 'ALL') {
      await scontrol('update', `PartitionName=${PARTITION}`, 'AllowGroups=ALL');
    }
  }, 900_000);

  afterAll(async () => {
    if (submitted.length > 0) {
      await run('scancel', submitted);
    }
    await scontrol('update', `PartitionName=${PARTITION}`, `AllowGroups=${foundAllowGroups}`);
  });

  describe('handles', () => {
    it('acts on slurm queues only', () => {
      expect(actuator.handles(change('excluded'))).toBe(true);
      expect(actuator.handles({ ...change('excluded'), backend: 'sim' })).toBe(false);
    });
  });

  describe('apply', () => {
    it('makes the partition test-only when the queue is excluded', async () => {
      // A production job waiting on a held job: it becomes eligible only after the exclusion.
      const gate = await run('sbatch', [
        '--parsable',
        '--hold',
        `--partition=${PARTITION}`,
        '--chdir=/tmp',
        '--output=/dev/null',
        '--wrap',
        'true',
      ]);
      expect(gate.code).toBe(0);
      const gateId = gate.stdout.trim();
      submitted.push(gateId);
      const waiting = await submitAs(PROD_USER, `--dependency=afterany:${gateId}`);
      expect(waiting.code).toBe(0);
      waitingJob = waiting.stdout;

      await actuator.apply(change('excluded'));

      expect(await allowGroups()).toBe(TEST_GROUP);
      const production = await submitAs(PROD_USER);
      expect(production.code).not.toBe(0);
      expect(production.stderr).toMatch(/not permitted to use this partition/);

      const test = await submitAs(TEST_USER);
      expect(test.code).toBe(0);
      await expectEventually(async () => expect(await jobState(test.stdout)).toBe('COMPLETED None'));

      await scontrol('release', gateId);
      await expectEventually(async () => expect(await jobState(gateId)).toMatch(/^COMPLETED/));
      await expectEventually(async () => expect(await jobState(waitingJob)).toBe('PENDING PartitionConfig'));
    });

    it('leaves an excluded partition as it is when the exclusion is applied again', async () => {
      await actuator.apply(change('excluded'));
      await actuator.apply(change('excluded'));

      expect(await allowGroups()).toBe(TEST_GROUP);
    });

    it('opens the partition again when the queue is online', async () => {
      await actuator.apply(change('online'));

      expect(await allowGroups()).toBe('ALL');
      await expectEventually(async () => expect(await jobState(waitingJob)).toMatch(/^COMPLETED/), {
        timeoutMs: 30_000,
      });
      const production = await submitAs(PROD_USER);
      expect(production.code).toBe(0);
      await expectEventually(async () => expect(await jobState(production.stdout)).toBe('COMPLETED None'));
    });

    it('leaves an open partition as it is when online is applied again', async () => {
      await actuator.apply(change('online'));
      await actuator.apply(change('online'));

      expect(await allowGroups()).toBe('ALL');
    });

    it('ends in the last requested state when changes for one partition overlap', async () => {
      await Promise.all([
        actuator.apply(change('excluded')),
        actuator.apply(change('online')),
        actuator.apply(change('excluded')),
      ]);
      expect(await allowGroups()).toBe(TEST_GROUP);

      await actuator.apply(change('online'));
      expect(await allowGroups()).toBe('ALL');
    });

    it('throws naming the partition when it does not exist', async () => {
      const unknown = actuator.apply(change('excluded', 'anvil-no-such-partition'));

      await expect(unknown).rejects.toThrow(/Slurm partition anvil-no-such-partition does not exist/);
      await expect(unknown).rejects.toMatchObject({
        code: SlurmPartitionErrorCode.PartitionNotFound,
        partition: 'anvil-no-such-partition',
      });
    });

    it('refuses to overwrite a restriction an operator set', async () => {
      await scontrol('update', `PartitionName=${PARTITION}`, `AllowGroups=${PROD_USER}`);
      try {
        for (const status of ['excluded', 'online'] as const) {
          await expect(actuator.apply(change(status))).rejects.toMatchObject({
            code: SlurmPartitionErrorCode.ForeignRestriction,
            message: expect.stringMatching(new RegExp(`partition ${PARTITION} has AllowGroups=${PROD_USER}`)),
          });
          expect(await allowGroups()).toBe(PROD_USER);
        }
      } finally {
        await scontrol('update', `PartitionName=${PARTITION}`, 'AllowGroups=ALL');
      }
    });

    it('throws naming the partition when scontrol cannot run', async () => {
      const broken = new SlurmPartitionActuator({ testGroup: TEST_GROUP, scontrolPath: '/nonexistent/scontrol' });

      await expect(broken.apply(change('excluded'))).rejects.toThrow(
        `scontrol --oneliner show partition ${PARTITION} for Slurm partition ${PARTITION} could not run: ` +
          '/nonexistent/scontrol not found',
      );
    });

    it('throws naming the partition when scontrol hangs past the timeout', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'anvil-scontrol-'));
      try {
        const hanging = join(dir, 'scontrol');
        await writeFile(hanging, '#!/bin/sh\nsleep 30\n');
        await chmod(hanging, 0o755);
        const slow = new SlurmPartitionActuator({ testGroup: TEST_GROUP, scontrolPath: hanging, timeoutMs: 300 });

        const started = Date.now();
        await expect(slow.apply(change('excluded'))).rejects.toThrow(
          new RegExp(`for Slurm partition ${PARTITION} timed out after 300 ms`),
        );
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      expect(await allowGroups()).toBe('ALL');
    });
  });
});
