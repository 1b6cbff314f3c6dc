import { run } from '../testing/job-outcome.fixture';
import { ruleContext } from '../testing/rule-context.fixture';
import { evaluateTemplatesSucceeded } from './templates-succeeded.rule';

const TEMPLATES = ['A', 'B', 'C'];

describe(evaluateTemplatesSucceeded.name, () => {
  it('fires when every template has its last 2 jobs completed', () => {
    const ctx = ruleContext(run('sss......', { templates: TEMPLATES }));
    const result = evaluateTemplatesSucceeded({ lastJobs: 2, templates: 'all', incomplete: 'skip' }, ctx);
    expect(result.fired).toBe(true);
    expect(result.counts).toEqual({ passingTemplates: 3, failingTemplates: 0, templatesNeedingJobs: 0 });
  });

  it('does not fire when one template failed among its last 2', () => {
    const ctx = ruleContext(run('sss...s..', { templates: TEMPLATES }));
    expect(evaluateTemplatesSucceeded({ lastJobs: 2, templates: 'all', incomplete: 'skip' }, ctx).fired).toBe(false);
  });

  it('skips a template with too few jobs when incomplete is skip, and waits for it when block', () => {
    // A and B: two completions each; C: a single completion.
    const outcomes = run('.....', { templates: TEMPLATES });
    expect(
      evaluateTemplatesSucceeded({ lastJobs: 2, templates: 'all', incomplete: 'skip' }, ruleContext(outcomes)).fired,
    ).toBe(true);
    expect(
      evaluateTemplatesSucceeded({ lastJobs: 2, templates: 'all', incomplete: 'block' }, ruleContext(outcomes)).fired,
    ).toBe(false);
  });

  it('needs at least n passing templates when given a number', () => {
    const ctx = ruleContext(run('s.s.s.', { templates: ['A', 'B'] }));
    expect(evaluateTemplatesSucceeded({ lastJobs: 2, templates: 1, incomplete: 'skip' }, ctx).fired).toBe(true);
    expect(evaluateTemplatesSucceeded({ lastJobs: 2, templates: 2, incomplete: 'skip' }, ctx).fired).toBe(false);
  });

  it('does not fire when no template has any result', () => {
    expect(
      evaluateTemplatesSucceeded({ lastJobs: 1, templates: 'all', incomplete: 'skip' }, ruleContext([])).fired,
    ).toBe(false);
  });
});
