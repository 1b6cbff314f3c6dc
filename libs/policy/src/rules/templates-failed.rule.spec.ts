import { run } from '../testing/job-outcome.fixture';
import { ruleContext } from '../testing/rule-context.fixture';
import { evaluateTemplatesFailed } from './templates-failed.rule';

const TEMPLATES = ['A', 'B', 'C'];

describe(evaluateTemplatesFailed.name, () => {
  it('fires when enough templates have their last jobs all failed (LastOneFromThree)', () => {
    const ctx = ruleContext(run('...sss', { templates: TEMPLATES }));
    const result = evaluateTemplatesFailed({ name: 'loft', templates: 3, lastJobs: 1 }, ctx);
    expect(result.fired).toBe(true);
    expect(result.name).toBe('loft');
    expect(result.counts).toEqual({ failingTemplates: 3, evaluatedTemplates: 3, templatesNeedingJobs: 0 });
    expect(result.jobIds).toHaveLength(3);
  });

  it('does not fire when one template still succeeds last', () => {
    const ctx = ruleContext(run('...ss.', { templates: TEMPLATES }));
    expect(evaluateTemplatesFailed({ templates: 3, lastJobs: 1 }, ctx).fired).toBe(false);
  });

  it('skips a template with too few jobs ("needs jobs") when asking for its last 3', () => {
    const ctx = ruleContext(run('ss', { templates: ['A'] }));
    const result = evaluateTemplatesFailed({ templates: 1, lastJobs: 3 }, ctx);
    expect(result.fired).toBe(false);
    expect(result.counts.templatesNeedingJobs).toBe(1);
    expect(result.name).toBe('templates-failed-1x3');
  });

  it('skips failures of classes the rule does not count, so they neither fail nor clear a template', () => {
    expect(evaluateTemplatesFailed({ templates: 1, lastJobs: 3 }, ruleContext(run('sus.s'))).fired).toBe(false);
    expect(evaluateTemplatesFailed({ templates: 1, lastJobs: 3 }, ruleContext(run('.susus'))).fired).toBe(true);
    expect(evaluateTemplatesFailed({ templates: 1, lastJobs: 3 }, ruleContext(run('.ccc'))).fired).toBe(false);
    const countingCentral = ruleContext(run('.ccc'), { classes: ['site', 'central'] });
    expect(evaluateTemplatesFailed({ templates: 1, lastJobs: 3 }, countingCentral).fired).toBe(true);
    expect(evaluateTemplatesFailed({ templates: 1, lastJobs: 3, errorClasses: ['site'] }, countingCentral).fired).toBe(
      false,
    );
  });

  it('forgets results older than the evidence window', () => {
    const old = run('sss', { from: 0 });
    const ctx = ruleContext(old, { now: old[2].time + 5 * 60 * 60_000 });
    expect(evaluateTemplatesFailed({ templates: 1, lastJobs: 3 }, ctx).fired).toBe(false);
  });

  describe('baseline', () => {
    const baseline = { lastJobs: 20, minJobs: 10, maxFailureRate: 0.1, skipRecent: 0 };

    it('fires on a queue with a clean record', () => {
      const ctx = ruleContext(run(`${'.'.repeat(20)}sss`, { templates: TEMPLATES }));
      const result = evaluateTemplatesFailed({ templates: 3, lastJobs: 1, baseline }, ctx);
      expect(result.fired).toBe(true);
      expect(result.counts.baselineFailureRate).toBe(0);
    });

    it('does not fire on a queue that failed often before the run', () => {
      const ctx = ruleContext(run(`${'....s'.repeat(4)}sss`, { templates: TEMPLATES }));
      const result = evaluateTemplatesFailed({ templates: 3, lastJobs: 1, baseline }, ctx);
      expect(result.fired).toBe(false);
      expect(result.counts.baselineFailureRate).toBe(0.2);
    });

    it('does not fire on a queue without enough record', () => {
      const ctx = ruleContext(run('.....sss', { templates: TEMPLATES }));
      expect(evaluateTemplatesFailed({ templates: 3, lastJobs: 1, baseline }, ctx).fired).toBe(false);
    });

    it('leaves the most recent results out of the record when told to skip them', () => {
      // The first failure of the break hides behind late successes: `s..` before the final run.
      const outcomes = run(`${'.'.repeat(20)}s..sss`, { templates: TEMPLATES });
      const strict = { ...baseline, maxFailureRate: 0 };
      expect(
        evaluateTemplatesFailed({ templates: 3, lastJobs: 1, baseline: strict }, ruleContext(outcomes)).fired,
      ).toBe(false);
      const skipping = { ...strict, skipRecent: 6 };
      expect(
        evaluateTemplatesFailed({ templates: 3, lastJobs: 1, baseline: skipping }, ruleContext(outcomes)).fired,
      ).toBe(true);
    });
  });
});
