import type { ErrorClass } from '../engine.types';
import type { QueueSnapshot } from '../engine/engine-snapshot.types';

/** What a rule sees: one queue's evidence at `now`, the policy's defaults, and the queue's peers. */
export interface RuleContext {
  readonly now: number;
  readonly queue: QueueSnapshot;
  readonly countErrorClasses: readonly ErrorClass[];
  readonly maxAge: number;
  /** The other queues in the queue's scope (`global`, `site`, `label:<key>`). */
  readonly peers: (scope: string) => readonly QueueSnapshot[];
}

/** A rule's verdict with the evidence that goes into the decision. */
export interface RuleResult {
  readonly fired: boolean;
  /** The reported rule name (the explicit `name`, or one built from the kind and its numbers). */
  readonly name: string;
  readonly reason: string;
  /** Newest first. */
  readonly jobIds: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly thresholds: Readonly<Record<string, number>>;
}
