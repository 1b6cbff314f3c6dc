import { isAbsolute } from 'node:path';
import type { Backend, BackendCapabilities, BackendJobRecord, SubmittedJob } from '../backend';
import type { BackendJobStatus } from '../backend-job-status';
import type { JobSpec } from '../job-spec';
import { jobEnvironment, jobScript } from '../workload/job-variables';
import { sbatchArgs, slurmJobName } from './sbatch-args.util';
import { slurmBatchScript } from './slurm-batch-script.util';
import { SlurmBackendErrorCode, SlurmBackendException } from './slurm-backend.exception';
import { SlurmCliRepository } from './slurm-cli.repository';
import { SlurmJobDirRepository } from './slurm-job-dir.repository';
import { slurmJobStatusAtEnd, slurmJobStatusWhileActive } from './slurm-job-status.util';
import { SLURM_JOB_ID, type SqueueRow } from './squeue.util';
import { validateSlurmQueueConfig } from './validate-slurm-queue-config.util';

export interface SlurmBackendOptions {
  /**
   * Absolute directory shared by this host and the compute nodes (on the test cluster, the local disk): one
   * sub-directory per job, `<testId>/<jobId>/`, holding its scripts, outputs and result files.
   */
  readonly workDir: string;
  /** Each `sbatch`/`squeue`/`scancel` is killed after this long. Default 30 s. */
  readonly commandTimeoutMs?: number;
  /** A job's directory is removed this long after the job ended; until then `poll` answers from it. Default 1 h. */
  readonly retainFinalMs?: number;
  /** Milliseconds since the epoch; injectable so tests drive time. */
  readonly clock?: () => number;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
const DEFAULT_RETAIN_FINAL_MS = 3_600_000;
const SWEEP_INTERVAL_MS = 600_000;
// Characters that sbatch expands in --output/--error paths, or that would break a line of its output.
const UNSAFE_WORK_DIR = /[%\\\n|]/;

function fail(option: string, problem: string): never {
  throw new Error(`slurm backend: ${option} ${problem}`);
}

function isFinal(status: BackendJobStatus): boolean {
  return status.state !== 'submitted' && status.state !== 'running';
}

/**
 * Runs workloads as Slurm batch jobs: a queue is a partition (plus an optional account and QOS). Drives
 * `sbatch`, `squeue` and `scancel` as child processes (no shell, each with a timeout); `sacct` is not used.
 * A job's result is read from the files its batch script leaves in its directory, so a job Slurm has
 * forgotten is still answered until `retainFinalMs` after it ended. When Slurm is down or a command fails,
 * the call throws a `SlurmBackendException` naming the command and its stderr; nothing is lost, and the
 * submitter retries on its next tick. See docs/backends/slurm.md.
 */
export class SlurmBackend implements Backend {
  readonly name = 'slurm' as const;
  readonly capabilities: BackendCapabilities = { cancel: true, bulkPoll: true, metrics: true, maxPollBatch: 500 };

  private readonly jobDirs: SlurmJobDirRepository;
  private readonly slurm: SlurmCliRepository;
  private readonly retainFinalMs: number;
  private readonly clock: () => number;
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(options: SlurmBackendOptions) {
    if (!isAbsolute(options.workDir) || UNSAFE_WORK_DIR.test(options.workDir)) {
      fail('workDir', `must be an absolute path without %, \\, | or newlines, got "${options.workDir}"`);
    }
    const timeoutMs = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      fail('commandTimeoutMs', `must be a positive integer, got ${timeoutMs}`);
    }
    this.slurm = new SlurmCliRepository(timeoutMs);
    this.retainFinalMs = options.retainFinalMs ?? DEFAULT_RETAIN_FINAL_MS;
    if (!Number.isFinite(this.retainFinalMs) || this.retainFinalMs < 0) {
      fail('retainFinalMs', `must be a non-negative number, got ${this.retainFinalMs}`);
    }
    this.jobDirs = new SlurmJobDirRepository(options.workDir);
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Writes the job's directory and submits its batch script. Submitting a job again (a retry) returns the
   * Slurm job submitted the first time, found by its recorded id or by its job name.
   */
  async submit(spec: JobSpec): Promise<SubmittedJob> {
    const queue = validateSlurmQueueConfig(spec.backendConfig, `queue ${spec.queueId} backendConfig`);
    if (spec.workload.image !== undefined) {
      throw new SlurmBackendException(
        SlurmBackendErrorCode.ImageUnsupported,
        `the slurm backend cannot run container images (workload.image ${spec.workload.image}): ` +
          'it runs the script on the node as it is; use the kubernetes or panda backend for images',
      );
    }
    const dir = this.jobDirs.jobDir(spec.testId, spec.jobId);
    const earlier = await this.submittedBefore(dir, spec.jobId);
    if (earlier !== undefined) {
      return { backendJobId: earlier };
    }
    const ids = { jobId: spec.jobId, testId: spec.testId, queueId: spec.queueId };
    const resources = spec.workload.resources;
    await this.jobDirs.write(dir, {
      job: { ...ids, submittedAt: spec.submittedAt.toISOString(), workload: spec.workload },
      workloadScript: jobScript(spec.workload),
      batchScript: slurmBatchScript({
        ...ids,
        jobDir: dir,
        environment: jobEnvironment(spec.workload, spec.variables),
        ...(resources?.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: resources.timeLimitSeconds }),
      }),
    });
    const slurmJobId = await this.sbatch(
      dir,
      sbatchArgs({ ...ids, jobDir: dir, queue, ...(resources === undefined ? {} : { resources }) }),
    );
    await this.jobDirs.recordSlurmJobId(dir, slurmJobId);
    return { backendJobId: slurmJobId };
  }

  /**
   * One `squeue` call for every job not known to be final yet; final statuses are kept in the job's
   * directory. Ids this backend did not submit, or whose directory is gone, are absent from the map.
   */
  async poll(backendJobIds: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const now = this.clock();
    await this.sweepIfDue(now);
    const statuses = new Map<string, BackendJobStatus>();
    const open = new Map<string, string>();
    for (const slurmJobId of new Set(backendJobIds)) {
      const dir = SLURM_JOB_ID.test(slurmJobId) ? await this.jobDirs.dirOfSlurmJob(slurmJobId) : undefined;
      const final = dir === undefined ? undefined : await this.jobDirs.readFinalStatus(dir);
      if (final !== undefined) {
        statuses.set(slurmJobId, final);
      } else if (dir !== undefined) {
        open.set(slurmJobId, dir);
      }
    }
    const rows = await this.slurm.jobs([...open.keys()]);
    for (const [slurmJobId, dir] of open) {
      const status = await this.statusOf(rows.get(slurmJobId), dir, now);
      if (status !== undefined) {
        statuses.set(slurmJobId, status);
      }
    }
    return statuses;
  }

  /** `scancel`; a job Slurm no longer knows, or that already ended, is left as it is. */
  async cancel(backendJobId: string): Promise<void> {
    if (SLURM_JOB_ID.test(backendJobId)) {
      await this.slurm.scancel(backendJobId);
    }
  }

  /**
   * The test's jobs that still have a directory under `workDir`. A job whose Slurm id was never recorded
   * (the submitter died between `sbatch` and writing it) is looked up by its job name with `squeue`.
   */
  async jobsOfTest(testId: string): Promise<BackendJobRecord[]> {
    const jobs = await Promise.all(
      (await this.jobDirs.testJobDirs(testId)).map(async (dir) => ({
        dir,
        job: await this.jobDirs.readJob(dir),
        slurmJobId: await this.jobDirs.readSlurmJobId(dir),
      })),
    );
    const adopted = await this.adoptByName(
      jobs.flatMap(({ dir, job, slurmJobId }) =>
        job !== undefined && slurmJobId === undefined ? [{ dir, jobId: job.jobId }] : [],
      ),
    );
    return jobs.flatMap(({ dir, job, slurmJobId }) => {
      const backendJobId = slurmJobId ?? adopted.get(dir);
      if (job === undefined || backendJobId === undefined) {
        return [];
      }
      return [{ jobId: job.jobId, queueId: job.queueId, backendJobId, submittedAt: new Date(job.submittedAt) }];
    });
  }

  /**
   * The Slurm job of an earlier submission of this job: its recorded id or, when its directory exists
   * without one (sbatch timed out, or the id could not be recorded), the Slurm job with its name.
   */
  private async submittedBefore(dir: string, jobId: string): Promise<string | undefined> {
    const recorded = await this.jobDirs.readSlurmJobId(dir);
    if (recorded !== undefined || !(await this.jobDirs.exists(dir))) {
      return recorded;
    }
    return (await this.adoptByName([{ dir, jobId }])).get(dir);
  }

  /** Submits the job's batch script and returns Slurm's job id. */
  private async sbatch(dir: string, args: string[]): Promise<string> {
    try {
      return await this.slurm.sbatch(args);
    } catch (error) {
      // A refused job leaves nothing behind. One that sbatch may have accepted (timeout, odd output) keeps
      // its directory, so that a retry finds it by its name.
      const refused =
        error instanceof SlurmBackendException &&
        (error.code === SlurmBackendErrorCode.CommandFailed || error.code === SlurmBackendErrorCode.CommandNotFound);
      if (refused) {
        await this.jobDirs.remove(dir);
      }
      throw error;
    }
  }

  private async statusOf(row: SqueueRow | undefined, dir: string, now: number): Promise<BackendJobStatus | undefined> {
    const active = row === undefined ? undefined : slurmJobStatusWhileActive(row);
    if (active !== undefined) {
      return active;
    }
    const job = await this.jobDirs.readJob(dir);
    if (job === undefined) {
      return undefined;
    }
    const status = slurmJobStatusAtEnd(
      row,
      { workload: job.workload, result: await this.jobDirs.readResult(dir) },
      now,
    );
    if (status !== undefined && isFinal(status)) {
      await this.jobDirs.writeFinalStatus(dir, status);
    }
    return status;
  }

  /** Finds Slurm jobs by their job names and records their ids in their directories; ids by directory. */
  private async adoptByName(jobs: readonly { dir: string; jobId: string }[]): Promise<Map<string, string>> {
    const adopted = new Map<string, string>();
    const ids = await this.slurm.jobIdsByName(jobs.map((job) => slurmJobName(job.jobId)));
    for (const { dir, jobId } of jobs) {
      const slurmJobId = ids.get(slurmJobName(jobId));
      if (slurmJobId !== undefined) {
        await this.jobDirs.recordSlurmJobId(dir, slurmJobId);
        adopted.set(dir, slurmJobId);
      }
    }
    return adopted;
  }

  private async sweepIfDue(now: number): Promise<void> {
    if (now - this.lastSweepMs >= Math.min(this.retainFinalMs, SWEEP_INTERVAL_MS)) {
      this.lastSweepMs = now;
      await this.jobDirs.sweep(now, this.retainFinalMs);
    }
  }
}
