import type { BlockReason, ErrorClass, OverrideMode } from '../engine.types';

/** One kept result. `failed` without `errorClass` counts as `unknown`. */
export interface OutcomeRecord {
  readonly jobId: string;
  readonly templateId: string;
  readonly time: number;
  readonly failed: boolean;
  readonly errorClass?: ErrorClass;
}

/** The policy's current detection of a queue, from the exclude decision until the matching recover. */
export interface EpisodeSnapshot {
  /** When the detection was made (or, once the policy holds the exclusion, when it took it). */
  openedAt: number;
  rule: string;
  /** True when the policy holds the exclusion (for a dry-run policy: would hold it). */
  excluded: boolean;
  /** Why the detection is not (yet) enforced; transient reasons are re-checked. */
  blockedBy?: BlockReason;
  /** Set once the policy holds the exclusion: its number and when recovery becomes possible. */
  exclusionNumber?: number;
  nextEligibleAt?: number;
}

/** Everything the engine knows of one queue; JSON-serialisable. Persist it as an opaque document. */
export interface QueueSnapshot {
  formatVersion: 1;
  queueId: string;
  siteId: string;
  backend?: string;
  labels: Record<string, string>;
  protected: boolean;
  autoExclusion: boolean;
  status: 'online' | 'excluded';
  excludedBy: 'policy' | 'guard' | 'manual' | null;
  override: Exclude<OverrideMode, 'clear'> | null;
  overrideExpiresAt?: number;
  episode: EpisodeSnapshot | null;
  /** n for the backoff: exclusions so far, less one per `backoff.decay` of good behaviour. */
  exclusionCount: number;
  /** Start of the current stretch of good behaviour (no episode), for the decay. */
  goodSince: number;
  /** No new exclusion before this (epoch ms; 0 = none). */
  reexcludeAfter: number;
  /** Per-queue decision counter: makes decision keys unique and deterministic. */
  seq: number;
  /** The breaker's view of the queue at its last result or tick: null = too few results to judge. */
  breakerFailing: boolean | null;
  templates: Record<string, OutcomeRecord[]>;
  recent: OutcomeRecord[];
}

export interface OutageSnapshot {
  outageId: string;
  scope: string;
  openedAt: number;
  /** Start of the incident window: policy exclusions since then are undone when the outage closes. */
  windowStart: number;
  queueIds: string[];
  /** Since when the failing share has stayed at or below the close threshold. */
  belowSince?: number;
}

/** Engine-wide state (open outages); JSON-serialisable. */
export interface GlobalSnapshot {
  formatVersion: 1;
  policyName: string;
  policyVersion: number;
  lastTickAt?: number;
  outages: OutageSnapshot[];
}
