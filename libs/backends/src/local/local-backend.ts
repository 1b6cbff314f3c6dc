import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend, BackendCapabilities, BackendJobRecord, SubmittedJob } from '../backend';
import type { BackendJobStatus } from '../backend-job-status';
import type { JobSpec } from '../job-spec';
import { LocalBackendException } from './local-backend.exception';
import {
  isFsError,
  publishFileOnce,
  readJsonIfPresent,
  readTextIfPresent,
  readdirIfPresent,
  writeFileAtomic,
} from '../files/fs.util';
import { LOCAL_JOB_FILES as F } from './local-job-files.constant';
import { isSafeLocalId, localBackendJobId, parseLocalBackendJobId, type LocalJobKey } from './local-job-key';
import type { LocalJobCancel, LocalJobMeta, LocalJobProcess } from './local-job-records';
import { localJobFinalMs, readLocalJob, type LocalJobSnapshot } from './local-job-snapshot';
import { localJobStatus } from './local-job-status.util';
import { currentBootId, signalProcessGroup } from './local-host.util';
import { LocalQueueStarter } from './local-queue-starter';
import { LocalWorkDir } from './local-work-dir';
import { mapConcurrently } from './map-concurrently.util';
import { sweepEndedLocalJobs } from './sweep-ended-local-jobs.util';
import { validateLocalQueueConfig } from './validate-local-queue-config.util';
import { writeLocalJobDir } from './write-local-job-dir.util';

/** Settings of a `LocalBackend`. */
export interface LocalBackendOptions {
  /** Directory of every job's files; every LocalBackend on the host given the same one shares the jobs. */
  readonly workDir: string;
  /** Final jobs' directories are deleted this long after they ended (a poll then no longer knows them). Default 1 h. */
  readonly retainFinalMs?: number;
  /** Milliseconds since the epoch; injectable so tests drive time. */
  readonly clock?: () => number;
}

const SWEEP_INTERVAL_MS = 60_000;
/** Job directories read at once by one poll. */
const READ_CONCURRENCY = 16;

/**
 * Runs each job's workload as a process tree on this host (see docs/backends/local.md). Everything about a
 * job lives in its directory under `workDir`, and its process outlives the backend that started it, so
 * another process with a LocalBackend on the same `workDir` can poll, cancel and list it. A queue runs at
 * most `slots` jobs at once (`validateLocalQueueConfig`); waiting jobs start on the next submit or poll.
 */
export class LocalBackend implements Backend {
  readonly name = 'local' as const;
  readonly capabilities: BackendCapabilities = { cancel: true, bulkPoll: true, metrics: true, maxPollBatch: 500 };

  private readonly workDir: LocalWorkDir;
  private readonly clock: () => number;
  private readonly retainFinalMs: number;
  private readonly starter: LocalQueueStarter;
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(options: LocalBackendOptions) {
    this.workDir = new LocalWorkDir(options.workDir);
    this.clock = options.clock ?? Date.now;
    this.retainFinalMs = options.retainFinalMs ?? 3_600_000;
    this.starter = new LocalQueueStarter(this.workDir, this.clock);
  }

  async submit(spec: JobSpec): Promise<SubmittedJob> {
    const key = checkedJobKey(spec);
    const { slots } = validateLocalQueueConfig(spec.backendConfig, `queue ${spec.queueId} backendConfig`);
    // The id derives from the job, so submitting the same job twice (a retry) submits it once.
    const existing = await readLocalJob(this.workDir.jobDir(key), key, this.clock());
    if (existing === undefined) {
      await this.create(spec, key, slots);
    } else if (existing.stage === 'waiting' && existing.cancel === undefined) {
      await this.starter.addWaiting(existing.meta); // its first submission may have died before this
    }
    await this.starter.startWaitingJobs(spec.queueId);
    return { backendJobId: localBackendJobId(key) };
  }

  async poll(backendJobIds: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const now = this.clock();
    await this.sweepIfDue(now);
    const jobs = await this.readJobs(backendJobIds, now);
    // A job not started yet may start now: its queue may have a free slot.
    const notStarted = [...jobs.values()].filter(
      (job) => job.stage !== 'started' && localJobFinalMs(job) === undefined,
    );
    if (notStarted.length > 0) {
      for (const queueId of new Set(notStarted.map((job) => job.meta.queueId))) {
        await this.starter.startWaitingJobs(queueId);
      }
      const ids = notStarted.map((job) => localBackendJobId(job.key));
      for (const [id, job] of await this.readJobs(ids, now)) {
        jobs.set(id, job);
      }
    }
    const entries = [...jobs];
    const statuses = await mapConcurrently(entries, READ_CONCURRENCY, ([, job]) => localJobStatus(job));
    return new Map(entries.map(([id], i) => [id, statuses[i]]));
  }

  async cancel(backendJobId: string): Promise<void> {
    const key = parseLocalBackendJobId(backendJobId);
    const job = key === undefined ? undefined : await readLocalJob(this.workDir.jobDir(key), key, this.clock());
    if (job === undefined || job.cancel !== undefined || localJobFinalMs(job) !== undefined) {
      return;
    }
    const cancel: LocalJobCancel = { cancelledAtMs: this.clock() };
    await publishFileOnce(join(job.dir, F.cancel), `${JSON.stringify(cancel)}\n`);
    // Read after the cancel is on disk: a wrapper that recorded its process before checks for the cancel after.
    const wrapper = await readJsonIfPresent<LocalJobProcess>(join(job.dir, F.process));
    if (wrapper !== undefined && wrapper.bootId === (await currentBootId())) {
      signalProcessGroup(wrapper.pid, 'SIGTERM');
    }
  }

  async jobsOfTest(testId: string): Promise<BackendJobRecord[]> {
    if (!isSafeLocalId(testId)) {
      return [];
    }
    const jobIds = (await readdirIfPresent(this.workDir.testDir(testId))) ?? [];
    const metas = await mapConcurrently(jobIds, READ_CONCURRENCY, (jobId) =>
      readJsonIfPresent<LocalJobMeta>(join(this.workDir.jobDir({ testId, jobId }), F.meta)).catch(() => undefined),
    );
    return metas
      .filter((meta): meta is LocalJobMeta => meta !== undefined)
      .map((meta) => ({
        jobId: meta.jobId,
        queueId: meta.queueId,
        backendJobId: localBackendJobId(meta),
        submittedAt: new Date(meta.submittedAt),
      }));
  }

  private async readJobs(backendJobIds: readonly string[], now: number): Promise<Map<string, LocalJobSnapshot>> {
    const jobs = await mapConcurrently(backendJobIds, READ_CONCURRENCY, async (id) => {
      const key = parseLocalBackendJobId(id);
      return key === undefined ? undefined : readLocalJob(this.workDir.jobDir(key), key, now);
    });
    const found = new Map<string, LocalJobSnapshot>();
    jobs.forEach((job, i) => job !== undefined && found.set(backendJobIds[i], job));
    return found;
  }

  /** Writes the job's directory aside, then renames it into place: a job appears whole, and only once. */
  private async create(spec: JobSpec, key: LocalJobKey, slots: number): Promise<void> {
    const limit = spec.workload.resources?.timeLimitSeconds;
    const meta: LocalJobMeta = {
      jobId: spec.jobId,
      testId: spec.testId,
      queueId: spec.queueId,
      submittedAt: spec.submittedAt.toISOString(),
      acceptedAtMs: this.clock(),
      ...(limit === undefined ? {} : { timeLimitSeconds: limit }),
    };
    await mkdir(this.workDir.tmpDir, { recursive: true });
    const draft = join(this.workDir.tmpDir, `job-${randomBytes(6).toString('hex')}`);
    await writeLocalJobDir(draft, spec, meta);
    await this.recordSlots(spec.queueId, slots);
    // A second attempt when a sweep removed the (empty) test directory between mkdir and rename.
    for (let attempt = 1; ; attempt++) {
      await mkdir(this.workDir.testDir(key.testId), { recursive: true });
      try {
        await rename(draft, this.workDir.jobDir(key));
        break;
      } catch (error) {
        if (isFsError(error, 'EEXIST', 'ENOTEMPTY')) {
          await rm(draft, { recursive: true, force: true }); // a concurrent submission of the same job won
          return;
        }
        if (!isFsError(error, 'ENOENT') || attempt === 2) {
          throw error;
        }
      }
    }
    await this.starter.addWaiting(meta);
  }

  private async recordSlots(queueId: string, slots: number): Promise<void> {
    const file = this.workDir.slotsFile(queueId);
    if ((await readTextIfPresent(file)) !== String(slots)) {
      await mkdir(this.workDir.queueDir(queueId), { recursive: true });
      await writeFileAtomic(file, String(slots));
    }
  }

  private async sweepIfDue(now: number): Promise<void> {
    // A sweep reads every job on disk: at most once a minute, not on every poll.
    if (now - this.lastSweepMs >= SWEEP_INTERVAL_MS) {
      this.lastSweepMs = now;
      await sweepEndedLocalJobs(this.workDir, now, this.retainFinalMs);
    }
  }
}

function checkedJobKey(spec: JobSpec): LocalJobKey {
  if (spec.workload.image !== undefined) {
    throw new LocalBackendException(
      'container-image',
      `the local backend cannot run container images (workload.image ${spec.workload.image}); ` +
        'run this workload on a kubernetes or panda queue, or drop the image',
    );
  }
  for (const [name, id] of Object.entries({ jobId: spec.jobId, testId: spec.testId, queueId: spec.queueId })) {
    if (!isSafeLocalId(id)) {
      throw new LocalBackendException('unsafe-id', `${name} ${JSON.stringify(id)} must match [A-Za-z0-9_-]{1,128}`);
    }
  }
  return { testId: spec.testId, jobId: spec.jobId };
}
