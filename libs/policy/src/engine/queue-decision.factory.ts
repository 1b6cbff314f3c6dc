import type { BlockReason, QueueDecision } from '../engine.types';
import type { RuleResult } from '../rules/rule-result.types';
import type { QueueSnapshot } from './engine-snapshot.types';

export interface QueueDecisionInput {
  readonly queue: QueueSnapshot;
  readonly action: 'exclude' | 'recover';
  readonly now: number;
  readonly source: 'policy' | 'guard';
  readonly result: Pick<RuleResult, 'name' | 'reason' | 'jobIds' | 'counts' | 'thresholds'>;
  readonly blockedBy: BlockReason | undefined;
  readonly exclusionNumber: number;
  readonly nextEligibleAt?: number;
  readonly outageId?: string;
}

/** Builds a decision with its evidence and a deterministic key `<queueId>-<action>-<n>` (n counts per queue). */
export function queueDecision(input: QueueDecisionInput): QueueDecision {
  const { queue, result } = input;
  queue.seq += 1;
  return {
    type: 'queue',
    action: input.action,
    queueId: queue.queueId,
    time: input.now,
    source: input.source,
    rule: result.name,
    reason: result.reason,
    enforced: input.blockedBy === undefined,
    ...(input.blockedBy === undefined ? {} : { blockedBy: input.blockedBy }),
    evidence: {
      jobIds: result.jobIds,
      counts: result.counts,
      thresholds: result.thresholds,
      exclusionNumber: input.exclusionNumber,
      ...(input.nextEligibleAt === undefined ? {} : { nextEligibleAt: input.nextEligibleAt }),
      detail: {
        siteId: queue.siteId,
        ...(queue.backend === undefined ? {} : { backend: queue.backend }),
        labels: { ...queue.labels },
      },
    },
    ...(input.outageId === undefined ? {} : { outageId: input.outageId }),
    key: `${queue.queueId}-${input.action}-${queue.seq}`,
  };
}
