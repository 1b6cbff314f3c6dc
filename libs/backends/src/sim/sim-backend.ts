import type Redis from 'ioredis';
import type { Backend, BackendCapabilities, BackendJobRecord, SubmittedJob } from '../backend';
import type { BackendJobStatus } from '../backend-job-status';
import type { JobSpec } from '../job-spec';
import { MS_PER } from './scenario/realise/ms-per.constant';
import { ScenarioReplay } from './scenario/replay/scenario-replay';
import type { ScenarioDescription } from './scenario/scenario.types';
import { SimGridRepository } from './sim-grid.repository';
import type { SimJobRecord } from './sim-job-record';
import { simJobEndMs, simJobStatusAt } from './sim-job-status.util';
import { computeSimOutcome } from './sim-outcome';
import { simQueueBehaviour } from './sim-queue-behaviour.util';

export interface SimBackendOptions {
  /** Seed of the simulated grid: with the same seed, a job id always has the same outcome. */
  readonly seed: number;
  /** The grid lives here, shared by every SimBackend on the same Redis and `keyPrefix`. Not closed by the backend. */
  readonly redis: Redis;
  /** Prefix of every key, namespaced like the rest of Anvil: `<ns>:anvil:sim` (`redisKey(namespace, 'sim')`). */
  readonly keyPrefix: string;
  /** A scenario to replay live (`loadScenario`); queues whose `backend_config.scenarioQueue` names one of its queues play it. */
  readonly scenario?: ScenarioDescription;
  /** Scenario seconds per real second (default 60: a scenario hour passes in a real minute). */
  readonly timeScale?: number;
  /** Scenario hour at which a new replay starts (default 0), e.g. 29 to reach a h30 outage soon. */
  readonly startHour?: number;
  /** Milliseconds since the epoch; injectable so tests drive time. */
  readonly clock?: () => number;
  /** Final jobs are forgotten this long after they ended (a poll then no longer knows them). Default 1 h. */
  readonly retainFinalMs?: number;
}

/** Where a scenario replay stands. */
export interface SimScenarioTime {
  readonly scenario: string;
  /** Wall-clock moment of scenario hour 0, shared by every submitter. */
  readonly hour0: Date;
  /** Scenario hour now (past `durationHours` once the scenario is over: queues then keep their baselines). */
  readonly hour: number;
  readonly durationHours: number;
  readonly timeScale: number;
}

const DEFAULT_TIME_SCALE = 60;

/**
 * A seeded, deterministic simulated grid in Redis, shared by every submitter process. A job's outcome is
 * fixed at submission from (seed, job id, its queue's behaviour): the queue's `SimQueueModel`, or, when it
 * plays a scenario queue, that queue's realised behaviour at the job's start in the live replay. Its state
 * at any moment follows from the clock: `submitted` while waiting, `running` until wait + run, then final.
 */
export class SimBackend implements Backend {
  readonly name = 'sim' as const;
  readonly capabilities: BackendCapabilities = { cancel: true, bulkPoll: true, metrics: true, maxPollBatch: 1000 };

  private readonly clock: () => number;
  private readonly retainFinalMs: number;
  private readonly grid: SimGridRepository;
  private readonly replay?: ScenarioReplay;
  private hour0?: Promise<number>;

  constructor(private readonly options: SimBackendOptions) {
    if (!Number.isFinite(options.seed)) {
      throw new Error(`sim seed must be a finite number, got ${options.seed}`);
    }
    if (options.keyPrefix.trim() === '') {
      throw new Error('sim keyPrefix must not be empty (use <namespace>:anvil:sim)');
    }
    this.clock = options.clock ?? Date.now;
    this.retainFinalMs = options.retainFinalMs ?? 3_600_000;
    if (!(this.retainFinalMs >= 0)) {
      throw new Error(`sim retainFinalMs must be at least 0, got ${this.retainFinalMs}`);
    }
    this.grid = new SimGridRepository(options.redis, options.keyPrefix);
    if (options.scenario !== undefined) {
      this.replay = new ScenarioReplay(
        options.scenario,
        options.seed,
        options.timeScale ?? DEFAULT_TIME_SCALE,
        options.startHour ?? 0,
      );
    }
  }

  /** Submitting a job id again (a retry, a takeover) keeps the first job and is counted (`repeatedSubmissions`). */
  async submit(spec: JobSpec): Promise<SubmittedJob> {
    const behaviour = simQueueBehaviour(spec.backendConfig, `queue ${spec.queueId} backendConfig`, this.replay);
    const backendJobId = `sim-${spec.jobId}`;
    const now = this.clock();
    const timeLimitSeconds = spec.workload.resources?.timeLimitSeconds;
    const base = {
      jobId: spec.jobId,
      testId: spec.testId,
      queueId: spec.queueId,
      anvilSubmittedMs: spec.submittedAt.getTime(),
      submittedMs: now,
    };
    let record: SimJobRecord;
    if (behaviour.kind === 'model') {
      const outcome = computeSimOutcome(this.options.seed, spec.jobId, behaviour.model, timeLimitSeconds);
      record = { ...base, outcome };
    } else {
      const { replay, queue } = behaviour;
      const hour0 = await this.anchor(replay, now);
      const { scenarioStartedAt, ...outcome } = replay.outcome(spec.jobId, queue, hour0, now, timeLimitSeconds);
      const scenarioHour = Math.round(((scenarioStartedAt - replay.realised.start) / MS_PER.hour) * 1000) / 1000;
      record = { ...base, outcome, scenarioQueue: queue.id, scenarioHour };
    }
    await this.grid.create(backendJobId, record, this.ttlMs(record, now));
    return { backendJobId };
  }

  async poll(backendJobIds: readonly string[]): Promise<Map<string, BackendJobStatus>> {
    const now = this.clock();
    const stored = await this.grid.get(backendJobIds);
    const statuses = new Map<string, BackendJobStatus>();
    for (const [id, job] of stored) {
      statuses.set(id, simJobStatusAt(job.record, now, job.cancelledMs));
    }
    return statuses;
  }

  async cancel(backendJobId: string): Promise<void> {
    const job = (await this.grid.get([backendJobId])).get(backendJobId);
    const now = this.clock();
    if (job === undefined || job.cancelledMs !== undefined || now >= simJobEndMs(job.record)) {
      return;
    }
    // The mark lives as long as the job, so a cancelled job never shows its original outcome.
    await this.grid.markCancelled(backendJobId, now, this.ttlMs(job.record, now));
  }

  /** Every job of the test the grid still holds, from any submitter (forgotten `retainFinalMs` after the end). */
  async jobsOfTest(testId: string): Promise<BackendJobRecord[]> {
    const jobs = await this.grid.jobsOfTest(testId);
    return jobs.map(({ backendJobId, record }) => ({
      jobId: record.jobId,
      queueId: record.queueId,
      backendJobId,
      submittedAt: new Date(record.anvilSubmittedMs),
    }));
  }

  /**
   * Submissions of a job id after its first one, by any submitter, to this grid: each was ignored (the job
   * runs once). For benchmarks that must prove no job was submitted twice.
   */
  async repeatedSubmissions(): Promise<number> {
    let total = 0;
    for (const count of (await this.grid.repeatedSubmissions()).values()) {
      total += count;
    }
    return total;
  }

  /** The same count by backend job id. */
  repeatedSubmissionsByJob(): Promise<Map<string, number>> {
    return this.grid.repeatedSubmissions();
  }

  /** Where the scenario replay stands (anchoring it now if no submitter has yet); undefined without a scenario. */
  async scenarioTime(): Promise<SimScenarioTime | undefined> {
    if (this.replay === undefined) {
      return undefined;
    }
    const now = this.clock();
    const hour0 = await this.anchor(this.replay, now);
    return {
      scenario: this.replay.name,
      hour0: new Date(hour0),
      hour: this.replay.scenarioHour(hour0, now),
      durationHours: this.replay.description.durationHours,
      timeScale: this.replay.timeScale,
    };
  }

  /** Hour 0 of the replay: read (or set, by the first instance) once, then kept for the life of this instance. */
  private anchor(replay: ScenarioReplay, now: number): Promise<number> {
    if (this.hour0 === undefined) {
      const proposed = replay.proposedHour0(now);
      this.hour0 = this.grid
        .anchor(replay.anchorId, proposed, replay.anchorTtlMs(proposed, now, this.retainFinalMs))
        .catch((error: unknown) => {
          // A failed read (Redis down) is retried by the next call rather than cached.
          this.hour0 = undefined;
          throw error;
        });
    }
    return this.hour0;
  }

  private ttlMs(record: SimJobRecord, now: number): number {
    return Math.max(1, Math.ceil(simJobEndMs(record) - now + this.retainFinalMs));
  }
}
