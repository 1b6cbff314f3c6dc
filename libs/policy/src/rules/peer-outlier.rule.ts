import { counted } from '../engine/evidence.util';
import type { OutcomeRecord, QueueSnapshot } from '../engine/engine-snapshot.types';
import type { PeerOutlierRule } from '../policy/policy.types';
import { newestFirst, percent, ruleName } from './rule-name.util';
import type { RuleContext, RuleResult } from './rule-result.types';

/** Scale that makes the MAD a consistent estimator of σ for normal data. */
const MAD_TO_SIGMA = 1.4826;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Peer-relative outlier: the queue's failure share is at least median + max(k·1.4826·MAD, minGap) of
 * its peers' shares (peers: the other queues of the same scope with at least `minJobs` results). Median
 * and MAD rather than mean − k·σ: when many queues fail together, they inflate σ and drag the mean, and
 * a genuinely bad queue hides inside the spread (Envoy's outlier detection has this weakness); the
 * median ignores up to half the queues being bad, and when most of them fail at once (a central
 * outage) the median itself is high, so no queue stands out.
 */
export function evaluatePeerOutlier(rule: PeerOutlierRule, ctx: RuleContext): RuleResult {
  const classes = rule.errorClasses ?? ctx.countErrorClasses;
  const window = Math.min(rule.window ?? ctx.maxAge, ctx.maxAge);
  const results = (q: QueueSnapshot): OutcomeRecord[] => {
    const all = counted(q.recent, classes, ctx.now, window);
    return rule.lastJobs === undefined ? all : all.slice(-rule.lastJobs);
  };
  const share = (q: QueueSnapshot): { jobs: number; failures: number } => {
    const r = results(q);
    return { jobs: r.length, failures: r.filter((x) => x.failed).length };
  };
  const name = ruleName(rule.name, `peer-outlier-${rule.scope}`);
  const own = share(ctx.queue);
  const rate = own.jobs === 0 ? 0 : own.failures / own.jobs;
  const thresholds = { k: rule.k, minGap: rule.minGap, minJobs: rule.minJobs, minPeers: rule.minPeers };
  const quiet = (reason: string, counts: Record<string, number> = {}): RuleResult => ({
    fired: false,
    name,
    reason,
    jobIds: [],
    counts: { jobs: own.jobs, failures: own.failures, ...counts },
    thresholds,
  });
  // Cheap checks first: the peers are only looked at for a queue that could stand out at all.
  if (own.jobs < rule.minJobs) {
    return quiet(`${own.jobs} job(s), needs ${rule.minJobs}`);
  }
  if (rate < rule.minGap) {
    return quiet(`failure rate ${percent(rate)} is below the minimum gap ${percent(rule.minGap)}`);
  }
  const peerRates = ctx
    .peers(rule.scope)
    .map(share)
    .filter((s) => s.jobs >= rule.minJobs)
    .map((s) => s.failures / s.jobs);
  if (peerRates.length < rule.minPeers) {
    return quiet(`${peerRates.length} peer(s) with enough jobs, needs ${rule.minPeers}`, { peers: peerRates.length });
  }
  const med = median(peerRates);
  const mad = median(peerRates.map((r) => Math.abs(r - med)));
  const limit = med + Math.max(rule.k * MAD_TO_SIGMA * mad, rule.minGap);
  const failures = results(ctx.queue).filter((r) => r.failed);
  return {
    fired: rate >= limit,
    name,
    reason: `failure rate ${percent(rate)} against a peer median of ${percent(med)} (MAD ${percent(mad)}; fires at ${percent(limit)})`,
    jobIds: newestFirst(failures.slice(-20)),
    counts: {
      jobs: own.jobs,
      failures: own.failures,
      peers: peerRates.length,
      peerMedian: round(med),
      peerMad: round(mad),
    },
    thresholds: { ...thresholds, limit: round(limit) },
  };
}
