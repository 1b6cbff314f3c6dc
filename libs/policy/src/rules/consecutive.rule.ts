import { counted } from '../engine/evidence.util';
import type { ConsecutiveRule } from '../policy/policy.types';
import { newestFirst, ruleName } from './rule-name.util';
import type { RuleContext, RuleResult } from './rule-result.types';

/** The queue's last `count` counted results (any template) all failed (`failures`) or all completed. */
export function evaluateConsecutive(
  rule: ConsecutiveRule,
  ctx: RuleContext,
  want: 'failures' | 'successes',
): RuleResult {
  const results = counted(ctx.queue.recent, rule.errorClasses ?? ctx.countErrorClasses, ctx.now, ctx.maxAge);
  let run = 0;
  for (let i = results.length - 1; i >= 0 && (results[i]?.failed ?? false) === (want === 'failures'); i -= 1) {
    run += 1;
  }
  const last = results.slice(-Math.min(run, rule.count));
  return {
    fired: run >= rule.count,
    name: ruleName(rule.name, `consecutive-${want}-${rule.count}`),
    reason: `${run} consecutive ${want === 'failures' ? 'failed' : 'completed'} job(s) (needs ${rule.count})`,
    jobIds: run === 0 ? [] : newestFirst(last),
    counts: { [want === 'failures' ? 'consecutiveFailures' : 'consecutiveSuccesses']: run },
    thresholds: { count: rule.count },
  };
}
