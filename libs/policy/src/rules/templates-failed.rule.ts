import { counted } from '../engine/evidence.util';
import type { OutcomeRecord } from '../engine/engine-snapshot.types';
import type { TemplatesFailedRule } from '../policy/policy.types';
import { newestFirst, percent, ruleName } from './rule-name.util';
import type { RuleContext, RuleResult } from './rule-result.types';

/**
 * HammerCloud's rule: at least `templates` golden templates whose last `lastJobs` counted results all
 * failed. A template with fewer counted results in the window is skipped ("needs jobs"). With
 * `baseline`, the queue's failure share over the counted results before the failing run must also be
 * at most `baseline.maxFailureRate`.
 */
export function evaluateTemplatesFailed(rule: TemplatesFailedRule, ctx: RuleContext): RuleResult {
  const classes = rule.errorClasses ?? ctx.countErrorClasses;
  let evaluated = 0;
  let needsJobs = 0;
  const failingRuns: OutcomeRecord[][] = [];
  for (const templateId of Object.keys(ctx.queue.templates).sort()) {
    const results = counted(ctx.queue.templates[templateId] ?? [], classes, ctx.now, ctx.maxAge);
    if (results.length < rule.lastJobs) {
      needsJobs += results.length > 0 ? 1 : 0;
      continue;
    }
    evaluated += 1;
    const last = results.slice(-rule.lastJobs);
    if (last.every((r) => r.failed)) {
      failingRuns.push(last);
    }
  }
  const failing = failingRuns.length;
  const counts: Record<string, number> = {
    failingTemplates: failing,
    evaluatedTemplates: evaluated,
    templatesNeedingJobs: needsJobs,
  };
  const thresholds: Record<string, number> = { templates: rule.templates, lastJobs: rule.lastJobs };
  let reason = `${failing} template(s) whose last ${rule.lastJobs} job(s) all failed (needs ${rule.templates})`;
  let fired = failing >= rule.templates;
  if (fired && rule.baseline !== undefined) {
    const runStart = Math.min(...failingRuns.flat().map((r) => r.time));
    const all = counted(ctx.queue.recent, classes, ctx.now, ctx.maxAge);
    const before = all.slice(0, Math.max(0, all.length - rule.baseline.skipRecent)).filter((r) => r.time < runStart);
    const base = before.slice(-rule.baseline.lastJobs);
    const share = base.length === 0 ? 0 : base.filter((r) => r.failed).length / base.length;
    counts.baselineJobs = base.length;
    counts.baselineFailureRate = Math.round(share * 1000) / 1000;
    thresholds.baselineMaxFailureRate = rule.baseline.maxFailureRate;
    // A queue without a full record yet is not known to be clean.
    fired = base.length >= rule.baseline.minJobs && share <= rule.baseline.maxFailureRate;
    reason +=
      `; failure rate before them ${percent(share)} over ${base.length} job(s) ` +
      `(needs at most ${percent(rule.baseline.maxFailureRate)} over at least ${rule.baseline.minJobs})`;
  }
  return {
    fired,
    name: ruleName(rule.name, `templates-failed-${rule.templates}x${rule.lastJobs}`),
    reason,
    jobIds: newestFirst(failingRuns.flat()),
    counts,
    thresholds,
  };
}
