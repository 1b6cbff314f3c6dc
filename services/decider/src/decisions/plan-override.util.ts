import type { QueueInfo } from '../queues/queue-info';
import { eventLabels } from '../queues/queue-info';
import type { CommitPlan } from './commit-plan';
import { queueOverriddenRow } from './decision-messages.util';
import { planActuations, policySetBy, type PlanContext } from './plan-engine-decisions.util';

export interface OverrideInput {
  readonly decisionId: string;
  readonly queueId: string;
  readonly mode: 'exclude' | 'online' | 'clear';
  readonly reason: string;
  /** The operator, or `expiry` when an override lapsed. */
  readonly actor: string;
  readonly expiresAt?: number;
  readonly requestId?: string;
  readonly now: number;
}

/** The engine's view of the queue once the override is applied: for `clear`, the policy's own view. */
export interface PolicyView {
  readonly status: 'online' | 'excluded';
  readonly excludedBy: 'policy' | 'guard' | 'manual' | null;
  readonly nextEligibleAt?: number;
}

/**
 * Adds an override to `plan`: a manual `override` decision (always enforced, whatever the policy's dry-run
 * setting: it is an operator's order), the queue's status (exclude → excluded, online → online, clear → the
 * policy's view), its actuations and the `anvil.queue.override.<queue>` event.
 */
export function planOverride(
  plan: CommitPlan,
  input: OverrideInput,
  info: QueueInfo,
  view: PolicyView,
  ctx: Pick<PlanContext, 'policy' | 'actuators'>,
): void {
  const status = input.mode === 'exclude' ? 'excluded' : input.mode === 'online' ? 'online' : view.status;
  const cleared = input.mode === 'clear';
  plan.decisions.push({
    id: input.decisionId,
    queueId: input.queueId,
    action: 'override',
    source: 'manual',
    policyName: null,
    policyVersion: null,
    reason: input.reason,
    evidence: {
      mode: input.mode,
      status,
      ...(input.requestId === undefined ? {} : { requestId: input.requestId }),
      ...(input.expiresAt === undefined ? {} : { expiresAt: new Date(input.expiresAt).toISOString() }),
    },
    enforced: true,
    actor: input.actor,
    outageId: null,
    decidedAt: new Date(input.now),
  });
  plan.statusChanges.push({
    queueId: input.queueId,
    status,
    source: cleared ? (view.excludedBy === 'guard' ? 'guard' : 'policy') : 'manual',
    setBy: cleared ? policySetBy(ctx.policy) : input.actor,
    since: new Date(input.now),
    exclusionCount: null,
    nextEligibleAt: cleared && view.nextEligibleAt !== undefined ? new Date(view.nextEligibleAt) : null,
    manual: true,
  });
  planActuations(
    plan,
    ctx,
    info,
    { decisionId: input.decisionId, status, source: 'manual', reason: input.reason },
    input.now,
  );
  plan.outbox.push(
    queueOverriddenRow({
      decisionId: input.decisionId,
      queueId: input.queueId,
      mode: input.mode,
      reason: input.reason,
      actor: input.actor,
      expiresAt: input.expiresAt,
      decidedAt: input.now,
      status,
      labels: eventLabels(info),
    }),
  );
}
