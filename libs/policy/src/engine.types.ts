/**
 * The public shapes of the exclusion engine (ARCHITECTURE.md section 6). The engine is pure: no I/O,
 * no clock — every input carries its own time (epoch milliseconds), so the decider, the replay CLI and
 * the benchmarks run the same code and get the same decisions from the same inputs.
 */

export const ERROR_CLASSES = ['site', 'central', 'workload', 'unknown'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** One final result of a golden-template job on a queue. */
export interface JobOutcome {
  readonly jobId: string;
  readonly queueId: string;
  readonly siteId: string;
  readonly templateId: string;
  /** When the job reached its final state (epoch ms). */
  readonly time: number;
  readonly outcome: 'completed' | 'failed';
  /** Only for failed jobs. */
  readonly errorClass?: ErrorClass;
}

/** What the engine must know of a queue besides its results. */
export interface QueueProfile {
  readonly queueId: string;
  readonly siteId: string;
  readonly backend?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Protected queues are never excluded automatically (detections are still recorded). */
  readonly protected?: boolean;
  /** Auto-exclusion switched off for this queue: detections recorded, never enforced. */
  readonly autoExclusion?: boolean;
}

/** A manual override held by the engine so the policy respects it (manual > guard > policy). */
export type OverrideMode = 'exclude' | 'online' | 'clear';

/** Why a detection was recorded but not enforced. */
export type BlockReason =
  'dry-run' | 'protected' | 'auto-exclusion-off' | 'manual-override' | 'max-excluded-percent' | 'outage' | 'backoff';

export interface DecisionEvidence {
  /** The jobs the rule looked at, newest first. */
  readonly jobIds: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly thresholds: Readonly<Record<string, number>>;
  /** Which exclusion of the queue this is (1 = first); on a recovery, the exclusion it ends. */
  readonly exclusionNumber: number;
  /** Epoch ms: no recovery before (after an exclusion) / no re-exclusion before (after a recovery). */
  readonly nextEligibleAt?: number;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface QueueDecision {
  readonly type: 'queue';
  readonly action: 'exclude' | 'recover';
  readonly queueId: string;
  /** Epoch ms of the input (outcome or tick) that caused it. */
  readonly time: number;
  readonly source: 'policy' | 'guard';
  /** Name of the rule that fired, e.g. `last-three-from-one`, `sprt`, `outage-closed`. */
  readonly rule: string;
  readonly reason: string;
  /** False for a dry-run policy or a blocked detection; only enforced decisions change queue status. */
  readonly enforced: boolean;
  readonly blockedBy?: BlockReason;
  readonly evidence: DecisionEvidence;
  readonly outageId?: string;
  /**
   * Stable identity of this decision: the same inputs give the same key, so a replay after a crash
   * publishes and stores nothing twice. Made of subject-token characters only.
   */
  readonly key: string;
}

export interface OutageDecision {
  readonly type: 'outage';
  readonly action: 'open' | 'close';
  /** Stable, subject-token characters only. */
  readonly outageId: string;
  readonly scope: string;
  readonly time: number;
  readonly rule: string;
  readonly reason: string;
  /** On open: the queues failing in the window; on close: the queues recovered because of it. */
  readonly queueIds: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly thresholds: Readonly<Record<string, number>>;
  readonly key: string;
  /** False when the policy is a dry-run (the outage then only freezes and undoes would-be exclusions). */
  readonly enforced?: boolean;
}

export type EngineDecision = QueueDecision | OutageDecision;
