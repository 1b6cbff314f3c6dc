import { copyQueueSnapshot } from './copy-queue-snapshot.util';
import type { EngineDecision, JobOutcome, OverrideMode, QueueProfile } from '../engine.types';
import type { Policy } from '../policy/policy.types';
import type { RuleContext } from '../rules/rule-result.types';
import { applyDecay } from './backoff.util';
import { blockReason, type GuardView } from './block-reason.util';
import type { GlobalSnapshot, QueueSnapshot } from './engine-snapshot.types';
import { addRecord, hasJob, toRecord } from './evidence.util';
import { applyProfile, newQueue } from './new-queue.util';
import { OutageBreaker } from './outage-breaker';
import { QueueTransitions } from './queue-transitions';
import type { OpenOutageView, QueueStateView } from './queue-state-view.types';
import { scopeValue } from './scope.util';

const byId = (a: QueueSnapshot, b: QueueSnapshot): number =>
  a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0;

/**
 * The exclusion engine (ARCHITECTURE.md section 6): pure, no I/O, every input carries its time. Feed it
 * job outcomes (`observe`) and the passing of time (`tick`); it returns decisions. Priorities: a manual
 * override beats the guards, which beat the policy; the policy only recovers what it excluded.
 */
export class PolicyEngine {
  private readonly queues = new Map<string, QueueSnapshot>();
  private readonly changed = new Set<string>();
  private readonly transitions: QueueTransitions;
  private readonly breaker: OutageBreaker | undefined;
  private lastTickAt: number | undefined;

  constructor(readonly policy: Policy) {
    const guardView: GuardView = {
      policy,
      protectedIds: new Set(policy.guards.protectedQueues),
      queues: { [Symbol.iterator]: () => this.queues.values() },
      inOutage: (q) => this.outageFor(q) !== undefined,
    };
    this.transitions = new QueueTransitions(policy, {
      blockReason: (q, now) => blockReason(guardView, q, now),
      ruleContext: (q, now) => this.ruleContext(q, now),
    });
    this.breaker = policy.guards.breaker && new OutageBreaker(policy, policy.guards.breaker, this.transitions);
  }

  /** Registers or updates a queue's profile (site, labels, protected, auto-exclusion); its state stays. */
  setQueue(profile: QueueProfile): void {
    const queue = this.queue(profile.queueId, profile.siteId, 0);
    applyProfile(queue, profile);
    this.changed.add(queue.queueId);
  }

  /** Takes one final job result (every template is golden here: the caller filters). Duplicates are ignored. */
  observe(outcome: JobOutcome): EngineDecision[] {
    const queue = this.queue(outcome.queueId, outcome.siteId, outcome.time);
    if (hasJob(queue, outcome)) {
      return [];
    }
    addRecord(queue, toRecord(outcome), this.policy.evidence.perTemplate, this.policy.evidence.perQueue);
    this.changed.add(queue.queueId);
    const decisions: EngineDecision[] = [];
    if (this.breaker) {
      this.breaker.refresh(queue, outcome.time);
      const scope = scopeValue(queue, this.breaker.config.scope);
      if (scope !== undefined) {
        decisions.push(...this.checkBreaker(scope, outcome.time));
      }
    }
    decisions.push(...this.transitions.evaluate(queue, outcome.time));
    return decisions;
  }

  /** Time-based work at `now`: override expiry, backoff decay, outage open/close, recovery once eligible. */
  tick(now: number): EngineDecision[] {
    this.lastTickAt = now;
    const queues = [...this.queues.values()].sort(byId);
    const decisions: EngineDecision[] = [];
    for (const q of queues) {
      if (q.override !== null && q.overrideExpiresAt !== undefined && q.overrideExpiresAt <= now) {
        decisions.push(...this.clearOverride(q, now));
      }
      if (applyDecay(q, this.policy.backoff, now)) {
        this.changed.add(q.queueId);
      }
    }
    if (this.breaker) {
      const scopes = new Set<string>(this.breaker.outages.map((o) => o.scope));
      for (const q of queues) {
        if (this.breaker.refresh(q, now)) {
          this.changed.add(q.queueId);
        }
        const scope = scopeValue(q, this.breaker.config.scope);
        if (scope !== undefined) {
          scopes.add(scope);
        }
      }
      for (const scope of [...scopes].sort()) {
        decisions.push(...this.checkBreaker(scope, now));
      }
    }
    for (const q of queues) {
      if (q.episode !== null) {
        const blockedBy = q.episode.blockedBy;
        const made = this.transitions.evaluate(q, now);
        if (made.length > 0 || q.episode?.blockedBy !== blockedBy) {
          this.changed.add(q.queueId);
        }
        decisions.push(...made);
      }
    }
    return decisions;
  }

  /**
   * A manual override: `exclude` (status excluded, never undone automatically), `online` (status online,
   * exclusions blocked), `clear` (hands the queue back to the policy, which is asked at once). Returns
   * the policy's decisions caused by the change; the override itself is the caller's to record.
   */
  setOverride(queueId: string, mode: OverrideMode, now: number, expiresAt?: number): EngineDecision[] {
    const queue = this.queue(queueId, '', now);
    this.changed.add(queueId);
    if (mode === 'clear') {
      return this.clearOverride(queue, now);
    }
    queue.override = mode;
    if (expiresAt === undefined) {
      delete queue.overrideExpiresAt;
    } else {
      queue.overrideExpiresAt = expiresAt;
    }
    if (mode === 'exclude') {
      queue.status = 'excluded';
      queue.excludedBy = 'manual';
      return [];
    }
    queue.status = 'online';
    queue.excludedBy = null;
    if (queue.episode?.excluded) {
      queue.episode = {
        openedAt: queue.episode.openedAt,
        rule: queue.episode.rule,
        excluded: false,
        blockedBy: 'manual-override',
      };
    }
    return [];
  }

  queueState(queueId: string): QueueStateView | undefined {
    const q = this.queues.get(queueId);
    if (q === undefined) {
      return undefined;
    }
    const nextEligibleAt = q.episode?.excluded
      ? q.episode.nextEligibleAt
      : q.episode === null && q.reexcludeAfter > 0
        ? q.reexcludeAfter
        : undefined;
    const outageId = this.outageFor(q)?.outageId;
    return {
      status: q.status,
      excludedBy: q.excludedBy,
      override: q.override,
      ...(q.overrideExpiresAt === undefined ? {} : { overrideExpiresAt: q.overrideExpiresAt }),
      exclusionNumber: q.exclusionCount,
      ...(nextEligibleAt === undefined ? {} : { nextEligibleAt }),
      ...(outageId === undefined ? {} : { outageId }),
    };
  }

  openOutages(): readonly OpenOutageView[] {
    return (this.breaker?.outages ?? []).map((o) => ({
      outageId: o.outageId,
      scope: o.scope,
      openedAt: o.openedAt,
      queueIds: [...o.queueIds],
    }));
  }

  snapshotGlobal(): GlobalSnapshot {
    return structuredClone({
      formatVersion: 1,
      policyName: this.policy.name,
      policyVersion: this.policy.version,
      ...(this.lastTickAt === undefined ? {} : { lastTickAt: this.lastTickAt }),
      outages: this.breaker?.outages ?? [],
    });
  }

  snapshotQueue(queueId: string): QueueSnapshot | undefined {
    const q = this.queues.get(queueId);
    return q === undefined ? undefined : copyQueueSnapshot(q);
  }

  /** Queues whose state changed since the last call (for incremental persistence), sorted. */
  takeChangedQueueIds(): string[] {
    const ids = [...this.changed].sort();
    this.changed.clear();
    return ids;
  }

  /** An engine in the state of the snapshots: the same inputs then give the same decisions as the original. */
  static restore(policy: Policy, global: GlobalSnapshot, queues: readonly QueueSnapshot[]): PolicyEngine {
    if (global.formatVersion !== 1 || queues.some((q) => q.formatVersion !== 1)) {
      throw new Error('PolicyEngine.restore: unknown snapshot format version');
    }
    const engine = new PolicyEngine(policy);
    engine.lastTickAt = global.lastTickAt;
    if (engine.breaker) {
      engine.breaker.outages = structuredClone(global.outages);
    }
    for (const q of queues) {
      engine.queues.set(q.queueId, structuredClone(q));
    }
    return engine;
  }

  private queue(queueId: string, siteId: string, now: number): QueueSnapshot {
    let queue = this.queues.get(queueId);
    if (queue === undefined) {
      queue = newQueue(queueId, siteId, now);
      this.queues.set(queueId, queue);
      this.changed.add(queueId);
    } else if (queue.siteId === '' && siteId !== '') {
      queue.siteId = siteId;
    }
    return queue;
  }

  private clearOverride(queue: QueueSnapshot, now: number): EngineDecision[] {
    queue.override = null;
    delete queue.overrideExpiresAt;
    this.changed.add(queue.queueId);
    const policyHolds = queue.episode?.excluded === true && this.policy.enforce;
    queue.status = policyHolds ? 'excluded' : 'online';
    queue.excludedBy = policyHolds ? 'policy' : null;
    return this.transitions.evaluate(queue, now);
  }

  private checkBreaker(scope: string, now: number): EngineDecision[] {
    const breaker = this.breaker as OutageBreaker;
    const members = [...this.queues.values()].filter((q) => scopeValue(q, breaker.config.scope) === scope);
    const decisions = breaker.check(scope, members, now);
    if (decisions.length > 0) {
      members.forEach((q) => this.changed.add(q.queueId));
    }
    return decisions;
  }

  private outageFor(queue: QueueSnapshot): { outageId: string } | undefined {
    return this.breaker?.outageOf(scopeValue(queue, this.breaker.config.scope));
  }

  private ruleContext(queue: QueueSnapshot, now: number): RuleContext {
    return {
      now,
      queue,
      countErrorClasses: this.policy.countErrorClasses,
      maxAge: this.policy.evidence.maxAge,
      peers: (spec) => {
        const scope = scopeValue(queue, spec);
        return scope === undefined
          ? []
          : [...this.queues.values()].filter((q) => q !== queue && scopeValue(q, spec) === scope);
      },
    };
  }
}
