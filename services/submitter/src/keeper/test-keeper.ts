import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Backend, BackendJobStatus, JobSpec } from '@anvil/backends';
import { isFinalJobState, type JobStateChanged, type JobStateName } from '@anvil/contracts';
import { ProblemLog } from '../common/problem-log';
import { jobStateEvent, type JobEventDetails } from './job-event.util';
import { statesToPublish } from './job-transitions.util';
import type { KeeperQueue, KeeperTest } from './keeper-test.type';
import { jobsToSubmit, type QueueCounts } from './top-up.util';
import type { TrackedJob } from './tracked-job.type';

/** What a keeper needs from its submitter. */
export interface KeeperDependencies {
  readonly submitterId: string;
  /** Epoch milliseconds. */
  readonly clock: () => number;
  /** False while our heartbeat is stale (our tests may be reassigned): jobs are followed, none submitted. */
  maySubmit(): boolean;
  /** The backend driving `name`, or null when this build cannot drive it. */
  backendFor(name: string): Backend | null;
  publish(event: JobStateChanged): Promise<void>;
  readonly lostAfterMs: number;
  readonly maxSubmitPerTick: number;
}

/** Jobs a previous keeper of the same test left in flight, to keep tracking. */
export interface KeeperAdoption {
  /** In flight according to `jobs`. */
  readonly jobs: readonly TrackedJob[];
  /**
   * Held by a backend but absent from `jobs`: their `submitted` event may never have been published (the
   * previous owner died first). The keeper publishes it again (the bus dedupes) and tracks them.
   */
  readonly unannounced?: readonly TrackedJob[];
  /** Jobs ever submitted per queue (for `totalJobs`). */
  readonly submittedTotals: ReadonlyMap<string, number>;
}

type Phase = 'running' | 'stopping' | 'stopped';

/** Cancels sent to the backends at once when a test stops. */
const CANCEL_CONCURRENCY = 16;

/**
 * Runs one test on its queues. Each tick: publish what is pending, poll the backends for the jobs in flight
 * and publish every state change, then top each queue up to its profile. When the test ends (end time,
 * finished, cancelled, lost lease) it cancels the jobs in flight and publishes `cancelled` for each.
 * Events that fail to publish stay queued, in order, and are retried next tick (the business key dedupes);
 * no job is submitted while events wait, so an outage of the bus does not pile up untracked work.
 */
export class TestKeeper {
  private readonly logger = new Logger(TestKeeper.name);
  /** Jobs in flight, by job id. */
  private readonly jobs = new Map<string, TrackedJob>();
  private readonly submittedTotals = new Map<string, number>();
  private readonly outbox: JobStateChanged[] = [];
  /**
   * Per queue, a submission that failed: retried as it was (same job id and time) until the backend takes it, so
   * a submission the backend accepted although the call failed (a timeout, a lost answer) is not made twice.
   */
  private readonly retries = new Map<string, JobSpec>();
  private readonly problems: ProblemLog;
  private phase: Phase = 'running';
  private stopReason = '';
  private cancelOnStop = true;
  readonly createdAtMs: number;

  constructor(
    private test: KeeperTest,
    private readonly deps: KeeperDependencies,
    adoption?: KeeperAdoption,
  ) {
    this.createdAtMs = deps.clock();
    this.problems = new ProblemLog(this.logger, { testId: test.testId });
    for (const job of adoption?.jobs ?? []) {
      this.jobs.set(job.jobId, { ...job });
    }
    for (const job of adoption?.unannounced ?? []) {
      this.jobs.set(job.jobId, { ...job, state: 'submitted' });
      this.outbox.push(jobStateEvent(job, this.testId, deps.submitterId, 'submitted', { occurredAt: job.submittedAt }));
    }
    for (const [queueId, total] of adoption?.submittedTotals ?? []) {
      this.submittedTotals.set(queueId, total);
    }
  }

  get testId(): string {
    return this.test.testId;
  }

  get leaseEpoch(): bigint {
    return this.test.leaseEpoch;
  }

  /** Stopped, with every event published: the keeper can be dropped. */
  get done(): boolean {
    return this.phase === 'stopped' && this.outbox.length === 0;
  }

  get stopping(): boolean {
    return this.phase !== 'running';
  }

  /** Jobs in flight (for diagnostics and tests). */
  get inFlight(): number {
    return this.jobs.size;
  }

  /** Adds this keeper's jobs in flight to `counts`, per backend. */
  countInFlight(counts: Map<string, number>): void {
    for (const job of this.jobs.values()) {
      counts.set(job.backend, (counts.get(job.backend) ?? 0) + 1);
    }
  }

  /** Events waiting to be published. */
  get pending(): number {
    return this.outbox.length;
  }

  /** Takes a newer definition of the test (a new lease, changed queues or profile); jobs in flight are kept. */
  update(test: KeeperTest): void {
    if (test.testId === this.test.testId && test.leaseEpoch >= this.test.leaseEpoch) {
      this.test = test;
    }
  }

  /**
   * Asks the keeper to stop; no job is submitted from now on. The next tick cancels the jobs in flight, or, with
   * `cancelJobs: false` (the test now belongs to another submitter, which has adopted them), stops following
   * them without touching them.
   */
  requestStop(reason: string, { cancelJobs = true }: { cancelJobs?: boolean } = {}): void {
    if (this.phase === 'running') {
      this.phase = 'stopping';
      this.stopReason = reason;
      this.cancelOnStop = cancelJobs;
      this.logger.log({ testId: this.testId, reason, inFlight: this.jobs.size, cancelJobs }, 'keeper stopping');
    }
  }

  async tick(): Promise<void> {
    await this.flush();
    if (this.phase === 'stopped') {
      return;
    }
    if (this.phase === 'running' && this.deps.clock() >= this.test.endAt.getTime()) {
      this.requestStop('the test reached its end time');
    }
    await this.poll();
    // Publish what the poll found before deciding whether to top up: only a publish that is failing
    // (events still waiting) holds back new submissions, not the mere fact that jobs changed state.
    await this.flush();
    if (this.phase === 'stopping') {
      if (this.cancelOnStop) {
        await this.cancelInFlight();
      } else {
        this.logger.log({ testId: this.testId, released: this.jobs.size }, 'keeper left its jobs to the new owner');
        this.jobs.clear();
      }
      this.phase = 'stopped';
    } else if (this.outbox.length === 0 && this.mayTopUp()) {
      const counts = this.countsByQueue();
      await Promise.all(this.test.queues.map((queue) => this.topUp(queue, counts)));
    }
    await this.flush();
  }

  private mayTopUp(): boolean {
    if (this.deps.maySubmit()) {
      this.problems.resolved('heartbeat');
      return true;
    }
    this.problems.report(
      'heartbeat',
      { testId: this.testId },
      'our heartbeat is stale: no new submissions until it goes through (the test may be given to another submitter)',
    );
    return false;
  }

  /** Publishes queued events in order; stops at the first failure and keeps the rest for the next tick. */
  async flush(): Promise<void> {
    while (this.outbox.length > 0) {
      try {
        await this.deps.publish(this.outbox[0]);
        this.outbox.shift();
        this.problems.resolved('publish');
      } catch (error) {
        this.problems.report(
          'publish',
          { err: error, pending: this.outbox.length },
          'publishing job events failed; retrying next tick',
        );
        return;
      }
    }
  }

  /** Polls every backend of the jobs in flight at once, so a slow or failing backend delays only its own jobs. */
  private async poll(): Promise<void> {
    const byBackend = new Map<string, TrackedJob[]>();
    for (const job of this.jobs.values()) {
      const jobs = byBackend.get(job.backend);
      if (jobs === undefined) {
        byBackend.set(job.backend, [job]);
      } else {
        jobs.push(job);
      }
    }
    await Promise.all([...byBackend].map(([name, jobs]) => this.pollBackend(name, jobs)));
  }

  private async pollBackend(name: string, jobs: readonly TrackedJob[]): Promise<void> {
    const backend = this.deps.backendFor(name);
    if (backend === null) {
      // Nobody can tell what these jobs do: they go `lost` after the timeout.
      jobs.forEach((job) => this.apply(job, undefined));
      return;
    }
    const size = Math.max(1, backend.capabilities.maxPollBatch);
    for (let i = 0; i < jobs.length; i += size) {
      const batch = jobs.slice(i, i + size);
      let statuses: Map<string, BackendJobStatus>;
      try {
        statuses = await backend.poll(batch.map((job) => job.backendJobId));
        this.problems.resolved(`poll:${name}`);
      } catch (error) {
        this.problems.report(
          `poll:${name}`,
          { err: error, backend: name },
          'polling the backend failed; retrying next tick',
        );
        continue;
      }
      batch.forEach((job) => this.apply(job, statuses.get(job.backendJobId)));
    }
  }

  /** Queues the events for what the backend now says about `job` (`undefined`: it does not know the job). */
  private apply(job: TrackedJob, status: BackendJobStatus | undefined): void {
    const now = this.deps.clock();
    if (status === undefined) {
      job.missingSinceMs ??= now;
      if (now - job.missingSinceMs >= this.deps.lostAfterMs) {
        this.transition(job, 'lost', {
          occurredAt: new Date(now),
          errorMessage: `the ${job.backend} backend has not known the job for ${Math.round((now - job.missingSinceMs) / 1000)} s`,
        });
      }
      return;
    }
    job.missingSinceMs = undefined;
    for (const state of statesToPublish(job.state, status)) {
      const at = state === 'running' ? status.startedAt : isFinalJobState(state) ? status.finishedAt : undefined;
      this.transition(job, state, { occurredAt: at ?? new Date(now), status });
    }
  }

  private transition(job: TrackedJob, state: JobStateName, details: JobEventDetails): void {
    this.outbox.push(jobStateEvent(job, this.testId, this.deps.submitterId, state, details));
    job.state = state;
    if (isFinalJobState(state)) {
      this.jobs.delete(job.jobId);
    }
  }

  /** Jobs waiting and running per queue, in one pass over the jobs in flight. */
  private countsByQueue(): Map<string, QueueCounts> {
    const counts = new Map<string, { submitted: number; running: number; submittedTotal: number }>();
    for (const job of this.jobs.values()) {
      // A job its backend does not know holds no slot: after a restart the queue is fed again at once.
      if (job.missingSinceMs !== undefined || (job.state !== 'submitted' && job.state !== 'running')) {
        continue;
      }
      const queue = counts.get(job.queueId) ?? this.noJobsInFlight(job.queueId);
      counts.set(job.queueId, queue);
      queue[job.state] += 1;
    }
    return counts;
  }

  private noJobsInFlight(queueId: string): { submitted: number; running: number; submittedTotal: number } {
    return { submitted: 0, running: 0, submittedTotal: this.submittedTotals.get(queueId) ?? 0 };
  }

  private async topUp(queue: KeeperQueue, counts: ReadonlyMap<string, QueueCounts>): Promise<void> {
    if (!queue.online) {
      return;
    }
    const backend = this.deps.backendFor(queue.backend);
    if (backend === null) {
      this.problems.report(
        `backend:${queue.queueId}`,
        { queueId: queue.queueId, backend: queue.backend },
        `queue uses the ${queue.backend} backend, which is not available yet: no jobs are submitted to it`,
        'error',
      );
      return;
    }
    const elapsedSeconds = (this.deps.clock() - this.test.startAt.getTime()) / 1000;
    const wanted = jobsToSubmit(
      counts.get(queue.queueId) ?? this.noJobsInFlight(queue.queueId),
      this.test.profile,
      this.deps.maxSubmitPerTick,
      elapsedSeconds,
    );
    for (let i = 0; i < wanted && this.phase === 'running'; i++) {
      if (!(await this.submitOne(queue, backend))) {
        return;
      }
    }
  }

  private async submitOne(queue: KeeperQueue, backend: Backend): Promise<boolean> {
    const spec = this.retries.get(queue.queueId) ?? this.newJobSpec(queue, backend);
    let backendJobId: string;
    try {
      ({ backendJobId } = await backend.submit(spec));
      this.problems.resolved(`submit:${queue.queueId}`);
    } catch (error) {
      this.retries.set(queue.queueId, spec);
      this.problems.report(
        `submit:${queue.queueId}`,
        { err: error, queueId: queue.queueId, jobId: spec.jobId },
        'submitting a job failed; retrying it next tick',
      );
      return false;
    }
    this.retries.delete(queue.queueId);
    const job: TrackedJob = {
      jobId: spec.jobId,
      queueId: queue.queueId,
      backend: backend.name,
      backendJobId,
      submittedAt: spec.submittedAt,
      state: 'submitted',
    };
    this.jobs.set(spec.jobId, job);
    this.submittedTotals.set(queue.queueId, (this.submittedTotals.get(queue.queueId) ?? 0) + 1);
    this.outbox.push(
      jobStateEvent(job, this.testId, this.deps.submitterId, 'submitted', { occurredAt: spec.submittedAt }),
    );
    return true;
  }

  private newJobSpec(queue: KeeperQueue, backend: Backend): JobSpec {
    const jobId = randomUUID();
    return {
      jobId,
      testId: this.testId,
      queueId: queue.queueId,
      submittedAt: new Date(this.deps.clock()),
      backendConfig: queue.backendConfig,
      workload: this.test.workload,
      variables: {
        testId: this.testId,
        queueId: queue.queueId,
        queueName: queue.queueName,
        siteId: queue.siteId,
        jobId,
        jobIndex: this.submittedTotals.get(queue.queueId) ?? 0,
        backend: backend.name,
      },
    };
  }

  private async cancelInFlight(): Promise<void> {
    await this.trackRetriedSubmissions();
    const jobs = [...this.jobs.values()];
    // Several at once: a backend that hangs (each scancel waiting for its timeout) then costs one timeout per
    // slice, not one per job.
    for (let i = 0; i < jobs.length; i += CANCEL_CONCURRENCY) {
      const slice = jobs.slice(i, i + CANCEL_CONCURRENCY);
      const notes = await Promise.all(slice.map((job) => this.cancelAtBackend(job)));
      slice.forEach((job, j) =>
        this.transition(job, 'cancelled', {
          occurredAt: new Date(this.deps.clock()),
          errorMessage: `cancelled: ${this.stopReason}${notes[j]}`,
        }),
      );
    }
    this.logger.log({ testId: this.testId, cancelled: jobs.length, reason: this.stopReason }, 'keeper stopped');
  }

  /**
   * A submission still waiting for its retry may have reached the backend although the call failed: if the
   * backend lists it, it is announced and tracked, so the cancel that follows reaches it and it ends recorded.
   */
  private async trackRetriedSubmissions(): Promise<void> {
    for (const [queueId, spec] of this.retries) {
      const queue = this.test.queues.find((q) => q.queueId === queueId);
      const backend = queue === undefined ? null : this.deps.backendFor(queue.backend);
      if (backend === null) {
        continue;
      }
      try {
        const held = (await backend.jobsOfTest(this.testId)).find((record) => record.jobId === spec.jobId);
        if (held !== undefined) {
          const job: TrackedJob = { ...held, backend: backend.name, submittedAt: spec.submittedAt, state: 'submitted' };
          this.jobs.set(job.jobId, job);
          this.outbox.push(
            jobStateEvent(job, this.testId, this.deps.submitterId, 'submitted', { occurredAt: spec.submittedAt }),
          );
        }
      } catch (error) {
        this.logger.warn(
          { err: error, testId: this.testId, jobId: spec.jobId },
          'could not check whether a failed submission reached the backend: it may run there untracked',
        );
      }
    }
    this.retries.clear();
  }

  /** Cancels the job at its backend; returns what to add to its message when that did not happen. */
  private async cancelAtBackend(job: TrackedJob): Promise<string> {
    const backend = this.deps.backendFor(job.backend);
    if (backend?.capabilities.cancel !== true || job.missingSinceMs !== undefined) {
      return ' (not cancelled at the backend: the job is no longer tracked)';
    }
    try {
      await backend.cancel(job.backendJobId);
      return '';
    } catch (error) {
      this.logger.warn({ err: error, testId: this.testId, jobId: job.jobId }, 'cancelling a job failed');
      return ' (the backend refused the cancel: the job may still run there)';
    }
  }
}
