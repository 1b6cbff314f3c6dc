import type { DecisionAction, DecisionSource } from '@anvil/db';
import type { QueueStatusChange } from '../actuators/queue-actuator';

export interface DecisionRow {
  readonly id: string;
  readonly queueId: string;
  readonly action: DecisionAction;
  readonly source: DecisionSource;
  readonly policyName: string | null;
  readonly policyVersion: number | null;
  readonly reason: string;
  readonly evidence: Record<string, unknown>;
  readonly enforced: boolean;
  readonly actor: string;
  readonly outageId: string | null;
  readonly decidedAt: Date;
}

export interface OutageOpenRow {
  readonly id: string;
  readonly scope: string;
  readonly openedAt: Date;
  readonly reason: string;
  readonly evidence: Record<string, unknown>;
}

export interface OutageCloseRow {
  readonly id: string;
  readonly closedAt: Date;
  readonly evidence: Record<string, unknown>;
}

/** A new status of a queue, applied by the built-in queue-status actuator inside the batch's transaction. */
export interface StatusRow {
  readonly queueId: string;
  readonly status: 'online' | 'excluded';
  readonly source: DecisionSource;
  readonly setBy: string;
  readonly since: Date;
  /** `null` keeps the stored count. */
  readonly exclusionCount: number | null;
  readonly nextEligibleAt: Date | null;
  /** Manual changes apply over a manual status; policy and guard changes never do. */
  readonly manual: boolean;
}

export interface OutboxRow {
  /** The Nats-Msg-Id. */
  readonly msgId: string;
  /** Un-namespaced. */
  readonly subject: string;
  readonly messageType: string;
  readonly payload: Uint8Array;
}

export interface ActuationRow {
  readonly decisionId: string;
  readonly actuator: string;
  readonly change: QueueStatusChange;
}

/** An engine input other than a job event (replayed after the checkpoint at the same job stream position). */
export interface JournalRow {
  readonly kind: 'tick' | 'override';
  /** The clock the input was applied with. */
  readonly at: number;
  /** The job stream position it came after. */
  readonly jobsSeq: number;
  /** For an override: its sequence in ANVIL_DECISIONS. */
  readonly overrideSeq?: number;
}

/** Everything one batch (job events, override commands or a tick) writes, in one transaction. */
export interface CommitPlan {
  readonly decisions: DecisionRow[];
  readonly outagesOpened: OutageOpenRow[];
  readonly outagesClosed: OutageCloseRow[];
  readonly statusChanges: StatusRow[];
  readonly outbox: OutboxRow[];
  readonly actuations: ActuationRow[];
  readonly journal: JournalRow[];
  /** The stream position this batch brings its consumer to. */
  offset?: { readonly consumer: string; readonly streamSeq: number };
}

export function emptyPlan(): CommitPlan {
  return {
    decisions: [],
    outagesOpened: [],
    outagesClosed: [],
    statusChanges: [],
    outbox: [],
    actuations: [],
    journal: [],
  };
}

/** Whether committing the plan would change anything but the engine state and offset. */
export function hasEffects(plan: CommitPlan): boolean {
  return (
    plan.decisions.length > 0 ||
    plan.outagesOpened.length > 0 ||
    plan.outagesClosed.length > 0 ||
    plan.statusChanges.length > 0 ||
    plan.outbox.length > 0
  );
}

/** The last status change of each queue, in plan order (an UPDATE … FROM applies one row per queue). */
export function lastStatusPerQueue(changes: readonly StatusRow[]): StatusRow[] {
  const last = new Map<string, StatusRow>();
  for (const change of changes) {
    last.delete(change.queueId);
    last.set(change.queueId, change);
  }
  return [...last.values()];
}
