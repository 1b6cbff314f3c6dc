// What really happened in a generated scenario, against which the decisions are scored.
import type { QueueBaseline, QueueIncident } from '../scenario.types';

/** A span (epoch ms, `[from, until)`) during which a queue is truly broken. */
export interface BrokenInterval {
  readonly from: number;
  /** Repair time, or the scenario end when it is never repaired. */
  readonly until: number;
  readonly repaired: boolean;
  readonly cause: QueueIncident['kind'] | 'site-outage';
  /**
   * End of the last job that failed because of this break (>= `until` when jobs started before the
   * repair fail after it). An exclusion up to here is a late detection, not a false one.
   */
  evidenceUntil: number;
}

export interface QueueTruth {
  readonly queueId: string;
  readonly siteId: string;
  readonly templates: readonly string[];
  readonly baseline: QueueBaseline['kind'];
  /** Named by the scenario (the one under test), rather than a background queue. */
  readonly special: boolean;
  readonly brokenIntervals: readonly BrokenInterval[];
}

/** A central outage: the listed queues fail, but none of them is broken. */
export interface CentralOutageTruth {
  readonly from: number;
  readonly until: number;
  /** End of the last job that failed because of it. */
  evidenceUntil: number;
  readonly queueIds: readonly string[];
}

export interface GroundTruth {
  readonly scenario: string;
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly queues: readonly QueueTruth[];
  readonly centralOutages: readonly CentralOutageTruth[];
}
