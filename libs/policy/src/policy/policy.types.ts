import type { ErrorClass } from '../engine.types';

/**
 * A validated policy (ARCHITECTURE.md section 6). Durations are milliseconds here; a policy document
 * may also write them as `90s`, `30m`, `4h`, `1d` or `1h30m`. A `Policy` serialised as JSON is itself a
 * valid policy document that parses back to an equal `Policy`.
 */
export interface Policy {
  /** `[A-Za-z0-9_-]+`, recorded with every decision. */
  readonly name: string;
  /** Integer ≥ 1; a changed policy gets a new version. */
  readonly version: number;
  readonly description?: string;
  /** False = dry-run: detections are recorded with `enforced: false` and no queue status changes. */
  readonly enforce: boolean;
  /** Failures of these classes count against a queue; completed jobs are successes; others are ignored. */
  readonly countErrorClasses: readonly ErrorClass[];
  readonly evidence: EvidenceWindows;
  readonly exclude: RuleNode;
  readonly recover: RuleNode;
  /** No recovery before this long after an exclusion (ms). */
  readonly minExclusion: number;
  /** Flap damping on the hold: the n-th exclusion lasts at least min(max, minExclusion·multiplier^(n-1)). */
  readonly minExclusionGrowth?: MinExclusionGrowth;
  readonly backoff: Backoff;
  readonly guards: Guards;
}

/** How much history the engine keeps and looks at. */
export interface EvidenceWindows {
  /** Results older than this never count (ms). */
  readonly maxAge: number;
  /** Last-N results kept per queue × template. */
  readonly perTemplate: number;
  /** Last-N results kept per queue (all templates). */
  readonly perQueue: number;
}

/** n is the backoff's count (exclusions so far, decayed), so a queue that behaves is forgiven alike. */
export interface MinExclusionGrowth {
  readonly multiplier: number;
  readonly max: number;
}

/**
 * Flap damping: after the n-th exclusion of a queue ends, the queue may not be excluded again for
 * min(max, base·multiplier^(n-1)); n drops by one per `decay` of good behaviour (0 = never).
 */
export interface Backoff {
  readonly base: number;
  readonly multiplier: number;
  readonly max: number;
  readonly decay: number;
}

/** `global`, `site`, or `label:<key>` (queues without that label are outside every such scope). */
export type ScopeSpec = string;

export interface MaxExcludedPercent {
  readonly scope: ScopeSpec;
  /** Blocked when (excluded + 1)·100 > percent·total in the queue's scope. */
  readonly percent: number;
}

export interface Breaker {
  readonly scope: ScopeSpec;
  /** T: a queue's results within this window decide whether it is failing (ms). */
  readonly window: number;
  /** Opens when failing/evaluated·100 > this (with at least `minQueues` evaluated). */
  readonly openAbovePercent: number;
  /** Closes after the failing share stayed ≤ this for `hold`. */
  readonly closeBelowPercent: number;
  readonly hold: number;
  readonly minQueues: number;
  /** A queue is evaluated when it has at least this many results in the window. */
  readonly queueMinJobs: number;
  /** An evaluated queue is failing when at least this share of its results in the window failed. */
  readonly queueFailureRate: number;
  /** Failure classes the breaker counts (a central outage shows as `unknown`/`central`). */
  readonly errorClasses: readonly ErrorClass[];
}

export interface Guards {
  /** Queue ids never excluded automatically, besides those whose profile says `protected`. */
  readonly protectedQueues: readonly string[];
  readonly maxExcludedPercent: readonly MaxExcludedPercent[];
  readonly breaker?: Breaker;
}

interface RuleCommon {
  /** Reported as the decision's `rule`; defaults to a name built from the kind and its numbers. */
  readonly name?: string;
  /** Overrides the policy's `countErrorClasses` for this rule. */
  readonly errorClasses?: readonly ErrorClass[];
}

/**
 * Only for queues with a clean record: the queue's failure share over `lastJobs` counted results
 * must be at most `maxFailureRate` — the results before the failing run and before the most recent
 * `skipRecent` (which may hold the first failures of the same break, hidden behind late successes).
 */
export interface CleanBaseline {
  readonly lastJobs: number;
  /** A queue with fewer such results has no record yet and is not known to be clean. */
  readonly minJobs: number;
  readonly maxFailureRate: number;
  readonly skipRecent: number;
}

/** HammerCloud: at least `templates` golden templates whose last `lastJobs` results all failed. */
export interface TemplatesFailedRule extends RuleCommon {
  readonly templates: number;
  readonly lastJobs: number;
  /**
   * Fire only when the queue was healthy before: such a rule's false-positive rate per job is about
   * p^(templates·lastJobs) for a queue failing a share p of its jobs, negligible only for small p.
   */
  readonly baseline?: CleanBaseline;
}

/** Recovery: templates whose last `lastJobs` results all completed — every one (`all`) or at least n. */
export interface TemplatesSucceededRule extends RuleCommon {
  readonly lastJobs: number;
  readonly templates: number | 'all';
  /** A template with fewer than `lastJobs` results: `skip` it ("needs jobs") or let it `block`. */
  readonly incomplete: 'skip' | 'block';
}

export interface ConsecutiveRule extends RuleCommon {
  readonly count: number;
}

export interface FailureRateRule extends RuleCommon {
  /** Fires when the failure share is ≥ threshold (`above`) or < threshold (`below`). */
  readonly threshold: number;
  readonly direction: 'above' | 'below';
  readonly minJobs: number;
  /** Only results this recent (ms); defaults to `evidence.maxAge`. */
  readonly window?: number;
  readonly lastJobs?: number;
}

/** Where p0 comes from when the queue has history: its own failure share before the test window. */
export interface SprtBaseline {
  /** Results (older than the test window) used to estimate the queue's normal failure probability. */
  readonly lastJobs: number;
  /** With fewer baseline results the queue has no record yet and p0 is `maxP0` (default 0: never). */
  readonly minJobs: number;
  /** The estimate never exceeds this, so a queue cannot make a broken state its normal. */
  readonly maxP0: number;
}

/** Wald's SPRT on the failure probability: H0 p = p0, H1 p = p1. */
export interface SprtRule extends RuleCommon {
  readonly p0: number;
  readonly p1: number;
  readonly alpha: number;
  readonly beta: number;
  /** The test window: the last N counted results (defaults to all kept results). */
  readonly lastJobs?: number;
  readonly baseline?: SprtBaseline;
}

/** Failure share far above the median of the queue's peers (median + max(k·1.4826·MAD, minGap)). */
export interface PeerOutlierRule extends RuleCommon {
  readonly scope: ScopeSpec;
  readonly k: number;
  readonly minGap: number;
  readonly minJobs: number;
  readonly minPeers: number;
  readonly window?: number;
  /** Only the queue's (and each peer's) last N counted results in the window. */
  readonly lastJobs?: number;
}

/**
 * A condition on the scope rather than the queue: fires when at most `maxFailingPercent` of the
 * queue's peers (the other queues of the scope with a result in `window`) had a counted failure in
 * `window`, with at least `minPeers` such peers. Combined with `all`, it lets a rule count failure
 * classes (`unknown`) that are only the queue's fault while the rest of the grid is healthy.
 */
export interface PeersHealthyRule extends RuleCommon {
  readonly scope: ScopeSpec;
  readonly window: number;
  readonly maxFailingPercent: number;
  readonly minPeers: number;
}

export type RuleNode =
  | { readonly name?: string; readonly any: readonly RuleNode[] }
  | { readonly name?: string; readonly all: readonly RuleNode[] }
  | { readonly templatesFailed: TemplatesFailedRule }
  | { readonly templatesSucceeded: TemplatesSucceededRule }
  | { readonly consecutiveFailures: ConsecutiveRule }
  | { readonly consecutiveSuccesses: ConsecutiveRule }
  | { readonly failureRate: FailureRateRule }
  | { readonly sprt: SprtRule }
  | { readonly peerOutlier: PeerOutlierRule }
  | { readonly peersHealthy: PeersHealthyRule };

export const RULE_KINDS = [
  'any',
  'all',
  'templatesFailed',
  'templatesSucceeded',
  'consecutiveFailures',
  'consecutiveSuccesses',
  'failureRate',
  'sprt',
  'peerOutlier',
  'peersHealthy',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
