import type { EngineDecision, OutageDecision, QueueDecision } from '@anvil/policy';
import type { QueueActuator, QueueStatusChange } from '../actuators/queue-actuator';
import { DECIDER_ACTOR } from '../decider.constants';
import { eventLabels, type QueueInfo } from '../queues/queue-info';
import type { CommitPlan, StatusRow } from './commit-plan';
import { outageChangedRow, queueDecidedRow, type PolicyRef } from './decision-messages.util';
import { decisionId, outageUuid } from './deterministic-uuid.util';

export interface PlanContext {
  readonly policy: PolicyRef;
  queue(queueId: string): QueueInfo | undefined;
  /** When an open outage of the engine opened (engine outage id); for the `opened_at` of its close event. */
  outageOpenedAt(engineOutageId: string): number | undefined;
  /** The actuators besides queue-status (webhook, Slurm): each gets the enforced changes it handles. */
  readonly actuators: readonly Pick<QueueActuator, 'name' | 'handles'>[];
}

/** `status_set_by` of a change the policy (or its guards) made. */
export function policySetBy(policy: PolicyRef): string {
  return `policy:${policy.name}@${policy.version}`;
}

/**
 * Adds the engine's decisions to `plan`: a `decisions` row and an event for every queue decision (dry-run
 * detections too), queue status and actuations for enforced ones, `outages` rows and events for outages.
 */
export function planEngineDecisions(plan: CommitPlan, decisions: readonly EngineDecision[], ctx: PlanContext): void {
  const openedHere = new Map<string, number>();
  for (const decision of decisions) {
    switch (decision.type) {
      case 'queue':
        planQueueDecision(plan, decision, ctx);
        break;
      case 'outage':
        if (decision.action === 'open') {
          openedHere.set(decision.outageId, decision.time);
        }
        planOutageDecision(plan, decision, ctx, openedHere.get(decision.outageId));
        break;
    }
  }
}

function planQueueDecision(plan: CommitPlan, decision: QueueDecision, ctx: PlanContext): void {
  const info = ctx.queue(decision.queueId);
  if (info === undefined) {
    throw new Error(`the engine decided about queue ${decision.queueId}, which the decider does not know`);
  }
  const id = decisionId(ctx.policy, decision.key);
  const outageId = decision.outageId === undefined ? null : outageUuid(ctx.policy.name, decision.outageId);
  const { evidence } = decision;
  plan.decisions.push({
    id,
    queueId: decision.queueId,
    action: decision.action,
    source: decision.source,
    policyName: ctx.policy.name,
    policyVersion: ctx.policy.version,
    reason: decision.reason,
    evidence: {
      rule: decision.rule,
      key: decision.key,
      jobIds: evidence.jobIds,
      counts: evidence.counts,
      thresholds: evidence.thresholds,
      exclusionNumber: evidence.exclusionNumber,
      ...(evidence.nextEligibleAt === undefined
        ? {}
        : { nextEligibleAt: new Date(evidence.nextEligibleAt).toISOString() }),
      ...(evidence.detail === undefined ? {} : { detail: evidence.detail }),
      ...(decision.blockedBy === undefined ? {} : { blockedBy: decision.blockedBy }),
    },
    enforced: decision.enforced,
    actor: DECIDER_ACTOR,
    outageId,
    decidedAt: new Date(decision.time),
  });
  plan.outbox.push(queueDecidedRow(decision, { decisionId: id, outageUuid: outageId }, ctx.policy, eventLabels(info)));
  if (!decision.enforced) {
    return;
  }
  const status = decision.action === 'exclude' ? 'excluded' : 'online';
  const row: StatusRow = {
    queueId: decision.queueId,
    status,
    source: decision.source,
    setBy: policySetBy(ctx.policy),
    since: new Date(decision.time),
    exclusionCount: evidence.exclusionNumber,
    nextEligibleAt: evidence.nextEligibleAt === undefined ? null : new Date(evidence.nextEligibleAt),
    manual: false,
  };
  plan.statusChanges.push(row);
  planActuations(
    plan,
    ctx,
    info,
    { decisionId: id, status, source: decision.source, reason: decision.reason },
    decision.time,
  );
}

function planOutageDecision(
  plan: CommitPlan,
  decision: OutageDecision,
  ctx: PlanContext,
  openedInThisPlan: number | undefined,
): void {
  const id = outageUuid(ctx.policy.name, decision.outageId);
  const evidence = {
    rule: decision.rule,
    key: decision.key,
    engineOutageId: decision.outageId,
    queueIds: decision.queueIds,
    counts: decision.counts,
    thresholds: decision.thresholds,
    policy: { name: ctx.policy.name, version: ctx.policy.version },
  };
  if (decision.action === 'open') {
    plan.outagesOpened.push({
      id,
      scope: decision.scope,
      openedAt: new Date(decision.time),
      reason: decision.reason,
      evidence,
    });
  } else {
    plan.outagesClosed.push({ id, closedAt: new Date(decision.time), evidence: { closed: evidence } });
  }
  const openedAt = openedInThisPlan ?? ctx.outageOpenedAt(decision.outageId) ?? decision.time;
  plan.outbox.push(outageChangedRow(decision, id, openedAt, ctx.policy));
}

/** One actuation per external actuator that handles the change. */
export function planActuations(
  plan: CommitPlan,
  ctx: Pick<PlanContext, 'actuators'>,
  info: QueueInfo,
  what: Pick<QueueStatusChange, 'decisionId' | 'status' | 'source' | 'reason'>,
  decidedAt: number,
): void {
  const change: QueueStatusChange = {
    ...what,
    queueId: info.queueId,
    siteId: info.siteId,
    backend: info.backend,
    backendConfig: info.backendConfig,
    decidedAt,
  };
  for (const actuator of ctx.actuators) {
    if (actuator.handles(change)) {
      plan.actuations.push({ decisionId: what.decisionId, actuator: actuator.name, change });
    }
  }
}
