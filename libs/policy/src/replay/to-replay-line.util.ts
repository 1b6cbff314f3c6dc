import type { EngineDecision } from '../engine.types';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One NDJSON output line of a replay: `{time, queue, action, rule, enforced, ...evidence}`. Queue
 * decisions add source, reason, blockedBy, exclusionNumber, nextEligibleAt, jobIds, counts, thresholds,
 * outageId and key; outage lines (`outage-open` / `outage-close`) carry the outage scope as `queue`,
 * plus `queues` and `outageId`.
 */
export function toReplayLine(decision: EngineDecision): Record<string, unknown> {
  if (decision.type === 'outage') {
    return {
      time: iso(decision.time),
      queue: decision.scope,
      action: decision.action === 'open' ? 'outage-open' : 'outage-close',
      rule: decision.rule,
      enforced: decision.enforced ?? true,
      outageId: decision.outageId,
      queues: decision.queueIds,
      reason: decision.reason,
      counts: decision.counts,
      thresholds: decision.thresholds,
      key: decision.key,
    };
  }
  const { evidence } = decision;
  return {
    time: iso(decision.time),
    queue: decision.queueId,
    action: decision.action,
    rule: decision.rule,
    enforced: decision.enforced,
    ...(decision.blockedBy === undefined ? {} : { blockedBy: decision.blockedBy }),
    source: decision.source,
    reason: decision.reason,
    exclusionNumber: evidence.exclusionNumber,
    ...(evidence.nextEligibleAt === undefined ? {} : { nextEligibleAt: iso(evidence.nextEligibleAt) }),
    ...(decision.outageId === undefined ? {} : { outageId: decision.outageId }),
    jobIds: evidence.jobIds,
    counts: evidence.counts,
    thresholds: evidence.thresholds,
    key: decision.key,
  };
}
