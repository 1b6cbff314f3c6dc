import { counted } from '../engine/evidence.util';
import type { FailureRateRule } from '../policy/policy.types';
import { newestFirst, percent, ruleName } from './rule-name.util';
import type { RuleContext, RuleResult } from './rule-result.types';

/**
 * Failure share of the queue's counted results within `window` (and the last `lastJobs`), with a
 * minimum volume: fires when it is ≥ threshold (`above`) or < threshold (`below`) over ≥ minJobs results.
 */
export function evaluateFailureRate(rule: FailureRateRule, ctx: RuleContext): RuleResult {
  const window = Math.min(rule.window ?? ctx.maxAge, ctx.maxAge);
  const all = counted(ctx.queue.recent, rule.errorClasses ?? ctx.countErrorClasses, ctx.now, window);
  const results = rule.lastJobs === undefined ? all : all.slice(-rule.lastJobs);
  const failures = results.filter((r) => r.failed);
  const rate = results.length === 0 ? 0 : failures.length / results.length;
  const enough = results.length >= rule.minJobs;
  const fired = enough && (rule.direction === 'above' ? rate >= rule.threshold : rate < rule.threshold);
  const sign = rule.direction === 'above' ? '≥' : '<';
  return {
    fired,
    name: ruleName(rule.name, `failure-rate-${rule.direction}-${Math.round(rule.threshold * 100)}pct`),
    reason: enough
      ? `failure rate ${percent(rate)} over ${results.length} job(s) (fires when ${sign} ${percent(rule.threshold)})`
      : `${results.length} job(s), needs ${rule.minJobs}`,
    jobIds: newestFirst(rule.direction === 'above' ? failures : results),
    counts: { jobs: results.length, failures: failures.length },
    thresholds: { threshold: rule.threshold, minJobs: rule.minJobs, windowMs: window },
  };
}
