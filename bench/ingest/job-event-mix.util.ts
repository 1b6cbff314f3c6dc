import type { ErrorClassName } from '@anvil/db';

/** Which of a job's three events: `final` is `completed` or `failed`, as the job's profile says. */
export type JobPhase = 'submitted' | 'running' | 'final';

/** One event to publish: job number (0-based) and phase. */
export interface PlannedJobEvent {
  readonly job: number;
  readonly phase: JobPhase;
}

/** What one job's final event carries, fixed per job by the seed. */
export interface JobProfile {
  readonly queue: number;
  readonly test: number;
  readonly failed: boolean;
  readonly errorClass: ErrorClassName | null;
  readonly exitCode: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly events: number;
}

/** Rows of `jobs` (and the sums of `job_rollups`) once every planned event is stored. */
export interface ExpectedJobStates {
  readonly jobs: number;
  readonly submitted: number;
  readonly running: number;
  readonly completed: number;
  readonly failed: number;
}

export interface JobEventMixOptions {
  /** Events in all; jobs = ⌈events / 3⌉, the last one or two jobs stop short of their final event. */
  readonly events: number;
  readonly queues: number;
  readonly tests: number;
  readonly seed: number;
  /** Share of jobs that fail (default 0.1). */
  readonly failedShare?: number;
  /** A job's next event comes this many jobs later in the publish order (default 5,000). */
  readonly spacingJobs?: number;
}

// Of failed jobs: mostly site problems, as on a real grid.
const ERROR_CLASSES: readonly (readonly [ErrorClassName, number])[] = [
  ['site', 0.5],
  ['workload', 0.25],
  ['unknown', 0.15],
  ['central', 0.1],
];

/**
 * A realistic, deterministic stream of job-state events: every job `submitted` → `running` → `completed` (or
 * `failed`), interleaved like a grid's traffic. Job n's `running` is published `spacingJobs` jobs after its
 * `submitted`, its final event as many again, so one job's events land in different ingester batches (real jobs
 * run minutes) and every batch mixes inserts with updates.
 */
export class JobEventMix {
  readonly jobs: number;
  readonly events: number;
  private readonly failedShare: number;
  private readonly spacing: number;

  constructor(private readonly options: JobEventMixOptions) {
    this.events = options.events;
    this.jobs = Math.ceil(options.events / 3);
    this.failedShare = options.failedShare ?? 0.1;
    this.spacing = Math.max(1, options.spacingJobs ?? 5_000);
  }

  /** The publish order, exactly `events` long; a job's events come in the order of its phases. */
  *order(): Generator<PlannedJobEvent> {
    let emitted = 0;
    for (let step = 0; emitted < this.events; step += 1) {
      const candidates: PlannedJobEvent[] = [
        { job: step, phase: 'submitted' },
        { job: step - this.spacing, phase: 'running' },
        { job: step - 2 * this.spacing, phase: 'final' },
      ];
      for (const planned of candidates) {
        if (planned.job >= 0 && planned.job < this.jobs && emitted < this.events) {
          emitted += 1;
          yield planned;
        }
      }
    }
  }

  /** Queue, test, outcome and figures of job n; the same for the same seed. */
  profile(job: number): JobProfile {
    const draw = (salt: number): number => unitHash(this.options.seed, job, salt);
    const failed = draw(1) < this.failedShare;
    const wallSeconds = Math.round(60 + draw(2) * 7_140);
    return {
      queue: Math.floor(draw(3) * this.options.queues),
      test: Math.floor(draw(4) * this.options.tests),
      failed,
      errorClass: failed ? pickErrorClass(draw(5)) : null,
      exitCode: failed ? 1 + Math.floor(draw(6) * 254) : 0,
      wallSeconds,
      cpuSeconds: Math.round(wallSeconds * (0.5 + draw(7) * 0.5) * 10) / 10,
      events: failed ? Math.floor(draw(8) * 100) : 100 + Math.floor(draw(8) * 9_900),
    };
  }

  /** What `jobs` holds once the whole order is stored. */
  expected(): ExpectedJobStates {
    const reached = { submitted: 0, running: 0, final: 0 };
    for (const planned of this.order()) {
      reached[planned.phase] += 1;
    }
    // Finals are published in job order, so the jobs that reached theirs are 0 .. final - 1.
    let failed = 0;
    for (let job = 0; job < reached.final; job += 1) {
      failed += this.profile(job).failed ? 1 : 0;
    }
    return {
      jobs: reached.submitted,
      submitted: reached.submitted - reached.running,
      running: reached.running - reached.final,
      completed: reached.final - failed,
      failed,
    };
  }
}

function pickErrorClass(u: number): ErrorClassName {
  let cumulative = 0;
  for (const [errorClass, share] of ERROR_CLASSES) {
    cumulative += share;
    if (u < cumulative) {
      return errorClass;
    }
  }
  return 'unknown';
}

/** A hash of three integers to [0, 1): independent-looking draws per (seed, job, salt) without keeping state. */
export function unitHash(seed: number, job: number, salt: number): number {
  let h =
    Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(job + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(salt, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
