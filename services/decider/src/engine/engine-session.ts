import type { EngineDecision, GlobalSnapshot, Policy, PolicyEngine, QueueSnapshot } from '@anvil/policy';
import type { QueueDirectory } from '../queues/queue-directory';

/**
 * What one leadership works with: the engine (restored from the checkpoint and replayed up to the last
 * commit), the queues it knows, and how far its inputs go. Thrown away on any failure and rebuilt from
 * Postgres, so memory never runs ahead of what was committed.
 */
export interface EngineSession {
  /** Leader epoch this session belongs to. */
  readonly epoch: number;
  readonly policy: Policy;
  readonly engine: PolicyEngine;
  readonly queues: QueueDirectory;
  /** Committed stream position per durable consumer when the session opened: where consuming resumes. */
  readonly offsets: ReadonlyMap<string, number>;
  /** Highest job stream sequence whose effect is in the engine. */
  jobsSeq: number;
  /** Highest override command sequence whose effect is in the engine. */
  overridesSeq: number;
  /** Last journal row committed. */
  journalSeq: number;
  /** Queues whose state changed since the last checkpoint. */
  readonly dirty: Set<string>;
  /**
   * Queues in a detection episode (from an exclude decision to its recover): a tick re-evaluates them and may
   * update them without a decision, so they are checkpointed after every tick.
   */
  readonly inEpisode: Set<string>;
  /**
   * Stream sequence of the last job batch acked without a commit (nothing in it reached the engine);
   * committed with the next commit, or by the next tick, so the stored position catches up when idle.
   */
  uncommittedJobSeq?: number;
}

/** A global snapshot for an engine that never committed one. */
export function emptyGlobalSnapshot(policy: Policy): GlobalSnapshot {
  return { formatVersion: 1, policyName: policy.name, policyVersion: policy.version, outages: [] };
}

/** Narrows stored JSON to snapshots the engine understands (the engine checks the format version itself). */
export function asQueueSnapshots(stored: readonly unknown[]): QueueSnapshot[] {
  return stored.filter(
    (s): s is QueueSnapshot => typeof s === 'object' && s !== null && typeof (s as QueueSnapshot).queueId === 'string',
  );
}

/** Follows which queues are in a detection episode, from the engine's decisions. */
export function trackEpisodes(session: Pick<EngineSession, 'inEpisode'>, decisions: readonly EngineDecision[]): void {
  for (const decision of decisions) {
    if (decision.type === 'queue') {
      if (decision.action === 'exclude') {
        session.inEpisode.add(decision.queueId);
      } else {
        session.inEpisode.delete(decision.queueId);
      }
    }
  }
}
