// The scenario vocabulary: what a grid and its queues *do* over time, with no trace generation in it.
// The exclusion bench generates traces from these descriptions; the sim backend replays the same ones live
// (docs/backends/sim.md). Files in this shape are read by `loadScenario`.
import type { ErrorClassName } from '../../backend-job-status';

/** Relative weights of the error classes of failed jobs (they need not sum to 1). */
export type ErrorMix = Readonly<Partial<Record<ErrorClassName, number>>>;

/** `[min, max]`, drawn uniformly. */
export type Range = readonly [min: number, max: number];

/** A span of scenario time in hours from its start; without `untilHour` it lasts until the end. */
export interface HourWindow {
  readonly fromHour: number;
  readonly untilHour?: number;
}

/** How jobs are paced and how long they run, in minutes. */
export interface JobTiming {
  /** Minutes between two jobs of one golden template on one queue, drawn once per queue. */
  readonly cadenceMinutes: Range;
  /** Each gap is the cadence times a factor drawn from `[1 - jitter, 1 + jitter]`. */
  readonly jitter: number;
  readonly successMinutes: Range;
  readonly failureMinutes: Range;
}

/** The steady behaviour of a queue outside its incidents. All of them are truly healthy. */
export type QueueBaseline =
  /** The grid's background failure rate and error mix. */
  | { readonly kind: 'healthy' }
  /** Random failures at a fixed rate all the time; still healthy: it must never be excluded. */
  | { readonly kind: 'flaky'; readonly failureRate: number; readonly errorMix: ErrorMix }
  /** Healthy, but every job runs `durationFactor` times longer. */
  | { readonly kind: 'slow'; readonly durationFactor: number };

/**
 * A time-bounded change of one queue's behaviour. Every incident makes the queue truly broken for
 * (part of) its window; `hitsRunningJobs` says whether jobs already running when it starts fail at
 * their end (a storage outage) or only jobs started inside it fail (a black hole at job start).
 */
export type QueueIncident =
  /** Every job started in the window fails within `failureMinutes`. */
  | {
      readonly kind: 'black-hole';
      readonly window: HourWindow;
      readonly errorMix: ErrorMix;
      readonly failureMinutes: Range;
    }
  /** Failure probability rises linearly over `rampHours` to `maxFailureRate`, then stays; broken from
   * the moment it reaches `brokenAbove`. */
  | {
      readonly kind: 'degradation';
      readonly window: HourWindow;
      readonly rampHours: number;
      readonly maxFailureRate: number;
      readonly brokenAbove: number;
      readonly errorMix: ErrorMix;
    }
  /** Broken for the window, then repaired. */
  | {
      readonly kind: 'outage';
      readonly window: HourWindow;
      readonly failureRate: number;
      readonly errorMix: ErrorMix;
      readonly hitsRunningJobs: boolean;
    }
  /** Inside the window the queue alternates broken and healthy phases, starting broken. */
  | {
      readonly kind: 'flapping';
      readonly window: HourWindow;
      readonly brokenHours: Range;
      readonly healthyHours: Range;
      readonly failureRate: number;
      readonly errorMix: ErrorMix;
    };

/** A queue named by the scenario (the background grid's queues are generated). */
export interface QueueSpec {
  readonly id: string;
  readonly site: string;
  readonly baseline: QueueBaseline;
  /** Overrides the grid's cadence (a low-volume queue). */
  readonly cadenceMinutes?: Range;
  readonly incidents: readonly QueueIncident[];
}

/** A change affecting many queues at once. */
export type GridIncident =
  /** Every queue of one site is broken for the window (they are truly broken). */
  | {
      readonly kind: 'site-outage';
      readonly site: string;
      readonly window: HourWindow;
      readonly failureRate: number;
      readonly errorMix: ErrorMix;
      readonly hitsRunningJobs: boolean;
    }
  /** A central service fails: a share of all queues fail for the window, but none is truly broken. */
  | {
      readonly kind: 'central-outage';
      readonly window: HourWindow;
      readonly affectedFraction: number;
      readonly failureRate: number;
      readonly errorMix: ErrorMix;
      readonly failureMinutes: Range;
      readonly hitsRunningJobs: boolean;
    };

export interface GridSite {
  readonly id: string;
  /** How many background queues the site has. */
  readonly queues: number;
}

/** The background grid every scenario runs on. */
export interface GridSpec {
  readonly sites: readonly GridSite[];
  /** Queue-name suffixes, used in order per site. */
  readonly queueSuffixes: readonly string[];
  /** Golden templates, all run on every queue. */
  readonly templates: readonly string[];
  /** Background failure rate of a healthy queue, drawn once per queue. */
  readonly backgroundFailureRate: Range;
  readonly backgroundErrorMix: ErrorMix;
  readonly timing: JobTiming;
}

export interface ScenarioDescription {
  readonly name: string;
  /** One sentence: what happens and what a good policy does about it. */
  readonly summary: string;
  /** Epoch ms of hour 0. */
  readonly startTime: number;
  readonly durationHours: number;
  readonly grid: GridSpec;
  readonly queues: readonly QueueSpec[];
  readonly incidents: readonly GridIncident[];
}
