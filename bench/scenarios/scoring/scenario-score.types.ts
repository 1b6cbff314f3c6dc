/** A broken interval an exclusion started inside (or within its late-evidence tail). */
export interface DetectionDelay {
  readonly queueId: string;
  readonly brokenFrom: number;
  /** Jobs of the queue that ended from the break up to and including the deciding one. */
  readonly jobs: number;
  readonly minutes: number;
}

/** A repaired break whose exclusion was lifted before the next break of the queue. */
export interface RecoveryDelay {
  readonly queueId: string;
  readonly repairedAt: number;
  readonly minutes: number;
  /** Completed jobs per golden template between the repair and the recovery (deciding job included). */
  readonly successfulJobsPerTemplate: Readonly<Record<string, number>>;
  /**
   * The fewest of those over the templates: how many successes per golden template the policy waited
   * for. "Recovers within N successful jobs per golden template" means this is <= N (the other
   * templates may have run more in the meantime, depending on their cadence).
   */
  readonly minSuccessfulJobsPerTemplate: number;
  /** The most of those over the templates. */
  readonly maxSuccessfulJobsPerTemplate: number;
}

/** What one policy did on one scenario, measured against its ground truth. */
export interface ScenarioScore {
  readonly scenario: string;
  readonly durationDays: number;
  readonly queues: number;
  readonly exclusions: number;
  /** Exclusions starting while the queue was not broken (late evidence of a break excepted). */
  readonly falseExclusions: number;
  /** False exclusions of flaky (healthy) queues. */
  readonly flakyExclusions: number;
  /** False exclusions starting during a central outage (until its last failed job ended). */
  readonly centralOutageExclusions: number;
  readonly centralOutageAffectedQueues: number;
  readonly brokenIntervals: number;
  /** Broken intervals during which the queue was never excluded. */
  readonly missedIntervals: number;
  readonly detectionDelays: readonly DetectionDelay[];
  readonly recoveryDelays: readonly RecoveryDelay[];
  /** Repaired breaks still excluded at the end (and no later break to justify it). */
  readonly unrecoveredRepairs: number;
  /** Recoveries while the queue was still broken. */
  readonly prematureRecoveries: number;
  /** Exclusions of a queue within the flap window after its previous recovery. */
  readonly flaps: number;
  readonly outagesOpened: number;
  /** Outages opened outside every central outage (e.g. for a site-wide failure). */
  readonly outagesOutsideCentralOutages: number;
  /** Hours healthy queues spent excluded (includes the recovery delay after a repair). */
  readonly healthyExcludedHours: number;
  /** Hours broken queues spent not excluded (includes the detection delay). */
  readonly brokenNotExcludedHours: number;
}
