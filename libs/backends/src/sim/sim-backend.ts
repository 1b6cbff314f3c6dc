import type { Backend, BackendCapabilities, BackendJobRecord, SubmittedJob } from '../backend';
import type { BackendJobStatus } from '../backend-job-status';
import type { JobSpec } from '../job-spec';
import { computeSimOutcome, type SimOutcome } from './sim-outcome';
import { validateSimQueueModel } from './validate-sim-queue-model.util';

export interface SimBackendOptions {
  /** Seed of the simulated grid: with the same seed, a job id always has the same outcome. */
  readonly seed: number;
  /** Milliseconds since the epoch; injectable so tests drive time. */
  readonly clock?: () => number;
  /** Final jobs are forgotten this long after they ended (a poll then no longer knows them). Default 1 h. */
  readonly retainFinalMs?: number;
}

interface SimJob {
  readonly testId: string;
  readonly queueId: string;
  readonly submittedMs: number;
  readonly outcome: SimOutcome;
  cancelledMs?: number;
}

/**
 * A seeded, deterministic simulated grid. A job's outcome is fixed at submission from
 * (seed, job id, queue model); its state at any moment follows from the clock:
 * `submitted` while waiting, `running` until wait + run, then its final state.
 */
export class SimBackend implements Backend {
  readonly name = 'sim' as const;
  readonly capabilities: BackendCapabilities = { cancel: true, bulkPoll: true, metrics: true, maxPollBatch: 1000 };

  private readonly clock: () => number;
  private readonly retainFinalMs: number;
  private readonly jobs = new Map<string, SimJob>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: SimBackendOptions) {
    this.clock = options.clock ?? Date.now;
    this.retainFinalMs = options.retainFinalMs ?? 3_600_000;
  }

  submit(spec: JobSpec): Promise<SubmittedJob> {
    try {
      const model = validateSimQueueModel(spec.backendConfig, `queue ${spec.queueId} backendConfig`);
      // The id derives from the job id, so submitting the same job twice (a retry) submits it once.
      const backendJobId = `sim-${spec.jobId}`;
      if (!this.jobs.has(backendJobId)) {
        const outcome = computeSimOutcome(
          this.options.seed,
          spec.jobId,
          model,
          spec.workload.resources?.timeLimitSeconds,
        );
        this.jobs.set(backendJobId, { testId: spec.testId, queueId: spec.queueId, submittedMs: this.clock(), outcome });
      }
      return Promise.resolve({ backendJobId });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  poll(backendJobIds: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const now = this.clock();
    this.forgetOldJobs(now);
    const statuses = new Map<string, BackendJobStatus>();
    for (const id of backendJobIds) {
      const job = this.jobs.get(id);
      if (job !== undefined) {
        statuses.set(id, this.statusAt(job, now));
      }
    }
    return Promise.resolve(statuses);
  }

  cancel(backendJobId: string): Promise<void> {
    const job = this.jobs.get(backendJobId);
    if (job !== undefined && job.cancelledMs === undefined) {
      const now = this.clock();
      if (now < this.finalMs(job)) {
        job.cancelledMs = now;
      }
    }
    return Promise.resolve();
  }

  jobsOfTest(testId: string): Promise<BackendJobRecord[]> {
    const records: BackendJobRecord[] = [];
    for (const [backendJobId, job] of this.jobs) {
      if (job.testId === testId) {
        records.push({
          jobId: backendJobId.slice('sim-'.length),
          queueId: job.queueId,
          backendJobId,
          submittedAt: new Date(job.submittedMs),
        });
      }
    }
    return Promise.resolve(records);
  }

  /** Number of jobs the simulation remembers (for tests and diagnostics). */
  get size(): number {
    return this.jobs.size;
  }

  private startMs(job: SimJob): number {
    return job.submittedMs + job.outcome.waitSeconds * 1000;
  }

  private finalMs(job: SimJob): number {
    return job.cancelledMs ?? this.startMs(job) + job.outcome.runSeconds * 1000;
  }

  private statusAt(job: SimJob, now: number): BackendJobStatus {
    const startMs = this.startMs(job);
    if (job.cancelledMs !== undefined) {
      const started = job.cancelledMs >= startMs;
      const wallSeconds = started ? (job.cancelledMs - startMs) / 1000 : 0;
      return {
        state: 'cancelled',
        ...(started ? { startedAt: new Date(startMs) } : {}),
        finishedAt: new Date(job.cancelledMs),
        wallSeconds,
        errorMessage: 'cancelled by the submitter',
      };
    }
    if (now < startMs) {
      return { state: 'submitted' };
    }
    const endMs = this.finalMs(job);
    if (now < endMs) {
      return { state: 'running', startedAt: new Date(startMs) };
    }
    const o = job.outcome;
    return {
      state: o.state,
      startedAt: new Date(startMs),
      finishedAt: new Date(endMs),
      exitCode: o.exitCode,
      ...(o.errorClass === undefined ? {} : { errorClass: o.errorClass, errorMessage: o.errorMessage }),
      wallSeconds: o.runSeconds,
      cpuSeconds: o.cpuSeconds,
      maxRssKb: o.maxRssKb,
      events: o.events,
      metrics: { events_per_second: o.runSeconds > 0 ? o.events / o.runSeconds : 0 },
    };
  }

  private forgetOldJobs(now: number): void {
    // A sweep is O(jobs): do it at most once a minute, not on every poll.
    if (now - this.lastSweepMs < 60_000) {
      return;
    }
    this.lastSweepMs = now;
    for (const [id, job] of this.jobs) {
      if (now - this.finalMs(job) > this.retainFinalMs) {
        this.jobs.delete(id);
      }
    }
  }
}
