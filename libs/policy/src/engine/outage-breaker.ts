import type { EngineDecision, OutageDecision } from '../engine.types';
import type { Breaker, Policy } from '../policy/policy.types';
import type { OutageSnapshot, QueueSnapshot } from './engine-snapshot.types';
import { counted, dropRecords } from './evidence.util';
import type { QueueTransitions } from './queue-transitions';
import { scopeToken } from './scope.util';

interface Tally {
  readonly evaluated: number;
  readonly failing: QueueSnapshot[];
}

/**
 * The mass-failure breaker. A queue is failing when at least `queueFailureRate` of its results in the
 * last `window` failed (with at least `queueMinJobs` results; fewer: not evaluated). Queues already
 * known broken — a detection older than the window (while an outage is open: older than its incident
 * window), or a manual exclusion — are left out of the count. More than `openAbovePercent` of the
 * evaluated queues of a scope failing (with at least `minQueues` evaluated) opens an outage; the
 * failing share of the evaluated queues (at least one) staying at or below `closeBelowPercent` for
 * `hold` closes it, and then every exclusion the policy made since the start of the incident window (opening
 * time − window) is undone and the results of that window are dropped from the queues' evidence.
 */
export class OutageBreaker {
  outages: OutageSnapshot[] = [];

  constructor(
    private readonly policy: Policy,
    readonly config: Breaker,
    private readonly transitions: QueueTransitions,
  ) {}

  /** Recomputes the queue's failing flag at `now`; returns whether it changed. */
  refresh(queue: QueueSnapshot, now: number): boolean {
    const results = counted(queue.recent, this.config.errorClasses, now, this.config.window);
    const flag =
      results.length < this.config.queueMinJobs
        ? null
        : results.filter((r) => r.failed).length >= this.config.queueFailureRate * results.length;
    const changed = flag !== queue.breakerFailing;
    queue.breakerFailing = flag;
    return changed;
  }

  outageOf(scope: string | undefined): OutageSnapshot | undefined {
    return scope === undefined ? undefined : this.outages.find((o) => o.scope === scope);
  }

  /** Opens or closes the outage of one scope given its member queues; returns the decisions made. */
  check(scope: string, members: readonly QueueSnapshot[], now: number): EngineDecision[] {
    const open = this.outageOf(scope);
    const tally = this.tally(
      members,
      Math.min(now - this.config.window, open?.windowStart ?? Number.POSITIVE_INFINITY),
    );
    const above =
      tally.evaluated >= this.config.minQueues &&
      tally.failing.length * 100 > this.config.openAbovePercent * tally.evaluated;
    if (open === undefined) {
      return above ? [this.open(scope, members, tally, now)] : [];
    }
    open.queueIds = [...new Set([...open.queueIds, ...tally.failing.map((q) => q.queueId)])].sort();
    const below = tally.evaluated > 0 && tally.failing.length * 100 <= this.config.closeBelowPercent * tally.evaluated;
    if (!below) {
      delete open.belowSince;
      return [];
    }
    open.belowSince ??= now;
    return now - open.belowSince >= this.config.hold ? this.close(open, members, tally, now) : [];
  }

  /** Counts the evaluated and failing queues, leaving out those known broken since before `since`. */
  private tally(members: readonly QueueSnapshot[], since: number): Tally {
    let evaluated = 0;
    const failing: QueueSnapshot[] = [];
    for (const q of members) {
      const knownBroken = q.excludedBy === 'manual' || (q.episode !== null && q.episode.openedAt < since);
      if (q.breakerFailing === null || knownBroken) {
        continue;
      }
      evaluated += 1;
      if (q.breakerFailing) {
        failing.push(q);
      }
    }
    return { evaluated, failing };
  }

  private counts(tally: Tally, members: readonly QueueSnapshot[]): Record<string, number> {
    return { failingQueues: tally.failing.length, evaluatedQueues: tally.evaluated, queues: members.length };
  }

  private open(scope: string, members: readonly QueueSnapshot[], tally: Tally, now: number): OutageDecision {
    const outage: OutageSnapshot = {
      outageId: `outage-${scopeToken(scope)}-${now}`,
      scope,
      openedAt: now,
      windowStart: now - this.config.window,
      queueIds: tally.failing.map((q) => q.queueId).sort(),
    };
    this.outages.push(outage);
    const share = Math.round((tally.failing.length * 1000) / tally.evaluated) / 10;
    return {
      type: 'outage',
      action: 'open',
      outageId: outage.outageId,
      scope,
      time: now,
      rule: 'mass-failure',
      reason: `${tally.failing.length} of ${tally.evaluated} evaluated queues (${share}%) failing within the window; new exclusions frozen`,
      queueIds: outage.queueIds,
      counts: this.counts(tally, members),
      thresholds: {
        openAbovePercent: this.config.openAbovePercent,
        minQueues: this.config.minQueues,
        windowMs: this.config.window,
      },
      key: `${outage.outageId}-open`,
      enforced: this.policy.enforce,
    };
  }

  private close(
    outage: OutageSnapshot,
    members: readonly QueueSnapshot[],
    tally: Tally,
    now: number,
  ): EngineDecision[] {
    this.outages = this.outages.filter((o) => o !== outage);
    const summary = {
      name: 'outage-closed',
      reason: `outage ${outage.outageId} closed: the exclusion was made in its incident window`,
      jobIds: [],
      counts: this.counts(tally, members),
      thresholds: { closeBelowPercent: this.config.closeBelowPercent, holdMs: this.config.hold },
    };
    const decisions: EngineDecision[] = [];
    const recovered: string[] = [];
    for (const q of [...members].sort((a, b) => a.queueId.localeCompare(b.queueId))) {
      const episode = q.episode;
      if (episode !== null && episode.openedAt >= outage.windowStart) {
        const decision = episode.excluded
          ? this.transitions.endExclusion(q, now, 'guard', summary, outage.outageId)
          : this.transitions.endBlocked(q, now, 'guard', summary, outage.outageId);
        decisions.push(decision);
        if (episode.excluded) {
          recovered.push(q.queueId);
        }
      }
      if (q.episode === null) {
        dropRecords(q, outage.windowStart, now);
        this.refresh(q, now);
      }
    }
    decisions.push({
      type: 'outage',
      action: 'close',
      outageId: outage.outageId,
      scope: outage.scope,
      time: now,
      rule: 'outage-closed',
      reason: `failing share at or below ${this.config.closeBelowPercent}% for ${Math.round(this.config.hold / 60_000)} min; ${recovered.length} exclusion(s) of the incident window undone`,
      queueIds: recovered,
      counts: { ...this.counts(tally, members), recovered: recovered.length },
      thresholds: { closeBelowPercent: this.config.closeBelowPercent, holdMs: this.config.hold },
      key: `${outage.outageId}-close`,
      enforced: this.policy.enforce,
    });
    return decisions;
  }
}
