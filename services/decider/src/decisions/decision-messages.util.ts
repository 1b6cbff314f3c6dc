import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import {
  CONTRACTS,
  DecisionSource,
  OutageChangedSchema,
  overrideModeFromName,
  QueueDecidedSchema,
  QueueOverriddenSchema,
} from '@anvil/contracts';
import type { OutageDecision, QueueDecision } from '@anvil/policy';
import type { OutboxRow } from './commit-plan';
import { outboxRow } from './outbox-row.util';

export interface PolicyRef {
  readonly name: string;
  readonly version: number;
}

/** `anvil.queue.excluded|recovered.<queue>`, for enforced decisions and dry-run detections alike. */
export function queueDecidedRow(
  decision: QueueDecision,
  ids: { decisionId: string; outageUuid: string | null },
  policy: PolicyRef,
  labels: Record<string, string>,
): OutboxRow {
  const { evidence } = decision;
  const detail = {
    ...(evidence.detail ?? {}),
    ...(decision.blockedBy === undefined ? {} : { blockedBy: decision.blockedBy }),
  };
  const message = create(QueueDecidedSchema, {
    decisionId: ids.decisionId,
    queueId: decision.queueId,
    action: decision.action,
    source: decision.source === 'guard' ? DecisionSource.GUARD : DecisionSource.POLICY,
    policyName: policy.name,
    policyVersion: policy.version,
    reason: decision.reason,
    enforced: decision.enforced,
    evidence: {
      rule: decision.rule,
      jobIds: [...evidence.jobIds],
      counts: { ...evidence.counts },
      thresholds: { ...evidence.thresholds },
      exclusionNumber: evidence.exclusionNumber,
      nextEligibleAt: evidence.nextEligibleAt === undefined ? undefined : timestampFromMs(evidence.nextEligibleAt),
      detailJson: JSON.stringify(detail),
    },
    decidedAt: timestampFromMs(decision.time),
    outageId: ids.outageUuid ?? '',
    labels,
  });
  return outboxRow(decision.action === 'exclude' ? CONTRACTS.queueExcluded : CONTRACTS.queueRecovered, message);
}

/** `anvil.outage.opened|closed`; `openedAt` of a closing outage comes from the engine's view before it closed. */
export function outageChangedRow(
  decision: OutageDecision,
  outageUuid: string,
  openedAt: number,
  policy: PolicyRef,
): OutboxRow {
  const message = create(OutageChangedSchema, {
    outageId: outageUuid,
    change: decision.action === 'open' ? 'opened' : 'closed',
    scope: decision.scope,
    reason: decision.reason,
    openedAt: timestampFromMs(openedAt),
    closedAt: decision.action === 'close' ? timestampFromMs(decision.time) : undefined,
    queueIds: [...decision.queueIds],
    counts: { ...decision.counts },
    thresholds: { ...decision.thresholds },
    policyName: policy.name,
    policyVersion: policy.version,
  });
  return outboxRow(decision.action === 'open' ? CONTRACTS.outageOpened : CONTRACTS.outageClosed, message);
}

export interface OverriddenFields {
  readonly decisionId: string;
  readonly queueId: string;
  readonly mode: 'exclude' | 'online' | 'clear';
  readonly reason: string;
  readonly actor: string;
  readonly expiresAt?: number;
  readonly decidedAt: number;
  readonly status: 'online' | 'excluded';
  readonly labels: Record<string, string>;
}

/** `anvil.queue.override.<queue>`: an override took effect, or lapsed (mode clear, actor `expiry`). */
export function queueOverriddenRow(fields: OverriddenFields): OutboxRow {
  const message = create(QueueOverriddenSchema, {
    decisionId: fields.decisionId,
    queueId: fields.queueId,
    mode: overrideModeFromName(fields.mode),
    reason: fields.reason,
    actor: fields.actor,
    expiresAt: fields.expiresAt === undefined ? undefined : timestampFromMs(fields.expiresAt),
    decidedAt: timestampFromMs(fields.decidedAt),
    status: fields.status,
    labels: fields.labels,
  });
  return outboxRow(CONTRACTS.queueOverridden, message);
}
