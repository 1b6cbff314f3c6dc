import type { EngineDecision, QueueDecision } from '@anvil/policy';

/** A span during which a queue was excluded: from an enforced exclude to the next enforced recover. */
export interface ExclusionInterval {
  readonly queueId: string;
  readonly from: number;
  /** The recovery time, or the scenario end when `open`. */
  readonly until: number;
  /** Still excluded when the scenario ended. */
  readonly open: boolean;
  readonly rule: string;
  readonly recoveredBy?: string;
}

/**
 * The exclusion intervals per queue, from the enforced queue decisions only (detections that were not
 * enforced never change a queue's status). An exclude of an excluded queue and a recover of a queue
 * that is not excluded change nothing.
 */
export function exclusionIntervals(
  decisions: readonly EngineDecision[],
  end: number,
): Map<string, ExclusionInterval[]> {
  const enforced = decisions
    .filter((d): d is QueueDecision => d.type === 'queue' && d.enforced)
    .map((decision, order) => ({ decision, order }))
    .sort((a, b) => a.decision.time - b.decision.time || a.order - b.order)
    .map(({ decision }) => decision);
  const open = new Map<string, QueueDecision>();
  const intervals = new Map<string, ExclusionInterval[]>();
  const add = (interval: ExclusionInterval): void => {
    intervals.set(interval.queueId, [...(intervals.get(interval.queueId) ?? []), interval]);
  };
  for (const decision of enforced) {
    const excludedBy = open.get(decision.queueId);
    if (decision.action === 'exclude' && excludedBy === undefined) {
      open.set(decision.queueId, decision);
    } else if (decision.action === 'recover' && excludedBy !== undefined) {
      open.delete(decision.queueId);
      add({
        queueId: decision.queueId,
        from: excludedBy.time,
        until: decision.time,
        open: false,
        rule: excludedBy.rule,
        recoveredBy: decision.rule,
      });
    }
  }
  for (const decision of open.values()) {
    add({
      queueId: decision.queueId,
      from: decision.time,
      until: Math.max(end, decision.time),
      open: true,
      rule: decision.rule,
    });
  }
  for (const list of intervals.values()) {
    list.sort((a, b) => a.from - b.from);
  }
  return intervals;
}
