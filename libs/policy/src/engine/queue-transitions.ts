import type { BlockReason, QueueDecision } from '../engine.types';
import type { Policy } from '../policy/policy.types';
import { evaluateRule } from '../rules/evaluate-rule.util';
import type { RuleContext, RuleResult } from '../rules/rule-result.types';
import { applyDecay, backoffDuration, minExclusionFor } from './backoff.util';
import type { QueueSnapshot } from './engine-snapshot.types';
import { queueDecision } from './queue-decision.factory';

/** What the transitions need from the engine: the guards and the rules' view of a queue. */
export interface TransitionHooks {
  /** The highest-priority reason a new exclusion of the queue would not be enforced now (`dry-run` last). */
  blockReason(queue: QueueSnapshot, now: number): BlockReason | undefined;
  ruleContext(queue: QueueSnapshot, now: number): RuleContext;
}

/** Block reasons that can lift by themselves; a detection blocked by one of them is re-checked. */
type Summary = Pick<RuleResult, 'name' | 'reason' | 'jobIds' | 'counts' | 'thresholds'>;

/**
 * The per-queue state machine of the policy. A queue is either without detection, or in an episode
 * (from an exclude decision until its recover decision). In an episode the policy either holds the
 * exclusion (`excluded`, really or — dry-run — virtually) or the detection is blocked by a guard, an
 * override or the backoff, and is re-checked each time until the exclude rule stops firing or the
 * block lifts.
 */
export class QueueTransitions {
  constructor(
    private readonly policy: Policy,
    private readonly hooks: TransitionHooks,
  ) {}

  /** Runs the exclude/recover rules for one queue at `now` and applies what they decide. */
  evaluate(queue: QueueSnapshot, now: number): QueueDecision[] {
    const episode = queue.episode;
    const ctx = this.hooks.ruleContext(queue, now);
    if (episode === null) {
      const exclude = evaluateRule(this.policy.exclude, ctx);
      return exclude.fired ? [this.detect(queue, now, exclude)] : [];
    }
    if (episode.excluded) {
      if (episode.nextEligibleAt !== undefined && now < episode.nextEligibleAt) {
        return [];
      }
      const recover = evaluateRule(this.policy.recover, ctx);
      if (!recover.fired || evaluateRule(this.policy.exclude, ctx).fired) {
        return [];
      }
      return [this.endExclusion(queue, now, 'policy', recover)];
    }
    const exclude = evaluateRule(this.policy.exclude, ctx);
    if (exclude.fired) {
      const block = this.hooks.blockReason(queue, now);
      if (block === undefined || block === 'dry-run') {
        return [this.hold(queue, now, exclude, block)];
      }
      episode.blockedBy = block;
      return [];
    }
    const recover = evaluateRule(this.policy.recover, ctx);
    return recover.fired ? [this.endBlocked(queue, now, 'policy', recover)] : [];
  }

  /** A new detection: the policy takes the exclusion, or records it as blocked. */
  private detect(queue: QueueSnapshot, now: number, exclude: RuleResult): QueueDecision {
    const block = this.hooks.blockReason(queue, now);
    if (block === undefined || block === 'dry-run') {
      return this.hold(queue, now, exclude, block);
    }
    applyDecay(queue, this.policy.backoff, now);
    queue.episode = { openedAt: now, rule: exclude.name, excluded: false, blockedBy: block };
    return queueDecision({
      queue,
      action: 'exclude',
      now,
      source: 'policy',
      result: exclude,
      blockedBy: block,
      exclusionNumber: queue.exclusionCount + 1,
      ...(block === 'backoff' ? { nextEligibleAt: queue.reexcludeAfter } : {}),
    });
  }

  /** The policy takes the exclusion (for a dry-run policy only virtually: status stays). */
  private hold(queue: QueueSnapshot, now: number, exclude: RuleResult, block: 'dry-run' | undefined): QueueDecision {
    applyDecay(queue, this.policy.backoff, now);
    queue.exclusionCount += 1;
    const nextEligibleAt = now + minExclusionFor(this.policy, queue.exclusionCount);
    queue.episode = {
      openedAt: now,
      rule: exclude.name,
      excluded: true,
      exclusionNumber: queue.exclusionCount,
      nextEligibleAt,
      ...(block === undefined ? {} : { blockedBy: block }),
    };
    if (block === undefined) {
      queue.status = 'excluded';
      queue.excludedBy = 'policy';
    }
    return queueDecision({
      queue,
      action: 'exclude',
      now,
      source: 'policy',
      result: exclude,
      blockedBy: block,
      exclusionNumber: queue.exclusionCount,
      nextEligibleAt,
    });
  }

  /**
   * Ends an exclusion the policy holds. By the policy: the backoff starts. By the guard (an outage
   * closed): the exclusion was the outage's fault, so it is taken off the count and no backoff applies.
   * Only a status the policy set is changed: a manual exclusion stays.
   */
  endExclusion(
    queue: QueueSnapshot,
    now: number,
    source: 'policy' | 'guard',
    result: Summary,
    outageId?: string,
  ): QueueDecision {
    const episode = queue.episode;
    const exclusionNumber = episode?.exclusionNumber ?? queue.exclusionCount;
    const holdsStatus = queue.status === 'excluded' && queue.excludedBy === 'policy';
    const blockedBy: BlockReason | undefined = !this.policy.enforce
      ? 'dry-run'
      : holdsStatus
        ? undefined
        : 'manual-override';
    if (holdsStatus) {
      queue.status = 'online';
      queue.excludedBy = null;
    }
    queue.episode = null;
    queue.goodSince = now;
    if (source === 'policy') {
      queue.reexcludeAfter = now + backoffDuration(this.policy.backoff, exclusionNumber);
    } else {
      queue.exclusionCount = Math.max(0, queue.exclusionCount - 1);
      queue.reexcludeAfter = 0;
    }
    return queueDecision({
      queue,
      action: 'recover',
      now,
      source,
      result,
      blockedBy,
      exclusionNumber,
      ...(source === 'policy' && queue.reexcludeAfter > now ? { nextEligibleAt: queue.reexcludeAfter } : {}),
      ...(outageId === undefined ? {} : { outageId }),
    });
  }

  /** Ends a detection that was never enforced: recorded, not enforced, with the reason that blocked it. */
  endBlocked(
    queue: QueueSnapshot,
    now: number,
    source: 'policy' | 'guard',
    result: Summary,
    outageId?: string,
  ): QueueDecision {
    const blockedBy = queue.episode?.blockedBy ?? 'dry-run';
    queue.episode = null;
    queue.goodSince = now;
    return queueDecision({
      queue,
      action: 'recover',
      now,
      source,
      result,
      blockedBy,
      exclusionNumber: queue.exclusionCount,
      ...(outageId === undefined ? {} : { outageId }),
    });
  }
}
