import type { OutcomeRecord } from '../engine/engine-snapshot.types';
import { counted } from '../engine/evidence.util';
import type { TemplatesSucceededRule } from '../policy/policy.types';
import { newestFirst, ruleName } from './rule-name.util';
import type { RuleContext, RuleResult } from './rule-result.types';

/**
 * Success-based recovery: templates whose last `lastJobs` counted results all completed — every
 * template seen in the window (`all`, at least one), or at least n. A template with fewer results is
 * skipped (`incomplete: skip`, HammerCloud's "needs jobs") or holds the recovery back (`block`).
 */
export function evaluateTemplatesSucceeded(rule: TemplatesSucceededRule, ctx: RuleContext): RuleResult {
  const classes = rule.errorClasses ?? ctx.countErrorClasses;
  let passing = 0;
  let notPassing = 0;
  let incomplete = 0;
  const passed: OutcomeRecord[] = [];
  for (const templateId of Object.keys(ctx.queue.templates).sort()) {
    const results = counted(ctx.queue.templates[templateId] ?? [], classes, ctx.now, ctx.maxAge);
    if (results.length === 0) {
      continue;
    }
    if (results.length < rule.lastJobs) {
      incomplete += 1;
      continue;
    }
    const last = results.slice(-rule.lastJobs);
    if (last.every((r) => !r.failed)) {
      passing += 1;
      passed.push(...last);
    } else {
      notPassing += 1;
    }
  }
  const blocking = notPassing + (rule.incomplete === 'block' ? incomplete : 0);
  const fired = rule.templates === 'all' ? passing >= 1 && blocking === 0 : passing >= rule.templates;
  const need = rule.templates === 'all' ? 'every template' : `${rule.templates} template(s)`;
  return {
    fired,
    name: ruleName(rule.name, `templates-succeeded-${rule.lastJobs}`),
    reason: `${passing} template(s) whose last ${rule.lastJobs} job(s) all completed, ${notPassing} not (needs ${need})`,
    jobIds: newestFirst(passed),
    counts: { passingTemplates: passing, failingTemplates: notPassing, templatesNeedingJobs: incomplete },
    thresholds: { lastJobs: rule.lastJobs, ...(rule.templates === 'all' ? {} : { templates: rule.templates }) },
  };
}
