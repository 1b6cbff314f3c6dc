// A scenario description with every random choice made (cadences, rates, flapping phases, affected
// queues): what the trace generator runs, one job at a time.
import type { ErrorMix, JobTiming, Range } from '../scenario.types';
import type { GroundTruth } from './ground-truth.types';

/** A span (`[from, until)`, epoch ms) in which a queue fails more than its baseline. */
export interface FailureSegment {
  readonly from: number;
  readonly until: number;
  /** Failure probability at `from`, changing linearly to `failureTo` at `until`. */
  readonly failureFrom: number;
  readonly failureTo: number;
  readonly errorMix: ErrorMix;
  /** Overrides the grid's failure durations (a black hole fails fast). */
  readonly failureMinutes?: Range;
  /** Jobs already running fail when they end inside the segment, not only jobs started in it. */
  readonly hitsRunningJobs: boolean;
}

export interface RealisedQueue {
  readonly id: string;
  readonly site: string;
  readonly templates: readonly string[];
  readonly cadenceMinutes: number;
  readonly failureRate: number;
  readonly errorMix: ErrorMix;
  readonly durationFactor: number;
  readonly segments: readonly FailureSegment[];
}

export interface RealisedScenario {
  readonly name: string;
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly timing: JobTiming;
  readonly queues: readonly RealisedQueue[];
  /** Broken intervals and central outages, with `evidenceUntil` still equal to `until`. */
  readonly truth: GroundTruth;
}
