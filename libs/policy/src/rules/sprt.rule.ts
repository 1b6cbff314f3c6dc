import { counted } from '../engine/evidence.util';
import type { SprtRule } from '../policy/policy.types';
import { newestFirst, percent, ruleName } from './rule-name.util';
import type { RuleContext, RuleResult } from './rule-result.types';

const EPSILON = 1e-9;

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Wald's sequential probability ratio test on the failure probability of the queue's counted results
 * (H0: p = p0, H1: p = p1). Each failure adds ln(p1/p0), each success ln((1-p1)/(1-p0)); the sum runs
 * over the test window from 0 and stays within Wald's bounds [B, A] = [ln(β/(1-α)), ln((1-β)/α)], so it
 * reacts within a bounded number of results in either direction. Fires at A.
 *
 * With `baseline`, p0 is the queue's own failure share over the results just before the test window
 * (at least p0, at most maxP0; maxP0 while there are fewer than `minJobs` of them): a queue that has always failed 10% of its jobs needs more failures in a
 * row to be judged broken than one that never failed.
 */
export function evaluateSprt(rule: SprtRule, ctx: RuleContext): RuleResult {
  const all = counted(ctx.queue.recent, rule.errorClasses ?? ctx.countErrorClasses, ctx.now, ctx.maxAge);
  const split = rule.lastJobs === undefined ? 0 : Math.max(0, all.length - rule.lastJobs);
  const test = all.slice(split);
  let p0 = rule.p0;
  let baselineJobs = 0;
  if (rule.baseline !== undefined) {
    const base = all.slice(Math.max(0, split - rule.baseline.lastJobs), split);
    baselineJobs = base.length;
    const share = base.length === 0 ? 0 : base.filter((r) => r.failed).length / base.length;
    p0 =
      base.length < rule.baseline.minJobs
        ? rule.baseline.maxP0
        : Math.min(rule.baseline.maxP0, Math.max(rule.p0, share));
  }
  const upper = Math.log((1 - rule.beta) / rule.alpha);
  const lower = Math.log(rule.beta / (1 - rule.alpha));
  const onFailure = Math.log(rule.p1 / p0);
  const onSuccess = Math.log((1 - rule.p1) / (1 - p0));
  let llr = 0;
  for (const r of test) {
    llr = Math.min(upper, Math.max(lower, llr + (r.failed ? onFailure : onSuccess)));
  }
  const failures = test.filter((r) => r.failed);
  const fired = llr >= upper - EPSILON;
  return {
    fired,
    name: ruleName(rule.name, 'sprt'),
    reason:
      `SPRT log-likelihood ratio ${round(llr)} over ${test.length} job(s) with ${failures.length} failure(s) ` +
      `(H0 p=${percent(p0)}, H1 p=${percent(rule.p1)}; fires at ${round(upper)})`,
    jobIds: newestFirst(failures.slice(-20)),
    counts: { jobs: test.length, failures: failures.length, llr: round(llr), baselineJobs },
    thresholds: {
      p0: round(p0),
      p1: rule.p1,
      alpha: rule.alpha,
      beta: rule.beta,
      upper: round(upper),
      lower: round(lower),
    },
  };
}
