import type { RuleNode } from '../policy/policy.types';
import { run } from '../testing/job-outcome.fixture';
import { ruleContext } from '../testing/rule-context.fixture';
import { evaluateRule } from './evaluate-rule.util';

const threeFailures: RuleNode = { consecutiveFailures: { name: 'three-failures', count: 3 } };
const halfFailed: RuleNode = { failureRate: { name: 'half-failed', threshold: 0.5, direction: 'above', minJobs: 4 } };
const twoTemplatesFailed: RuleNode = { templatesFailed: { name: 'two-templates', templates: 2, lastJobs: 1 } };

describe(evaluateRule.name, () => {
  describe('any', () => {
    it('reports the first child that fires', () => {
      const result = evaluateRule({ any: [threeFailures, halfFailed] }, ruleContext(run('..s.ss')));
      expect(result.fired).toBe(true);
      expect(result.name).toBe('half-failed');
    });

    it('does not fire when no child does, and reports the last child looked at', () => {
      const result = evaluateRule({ any: [threeFailures, halfFailed] }, ruleContext(run('.....s')));
      expect(result.fired).toBe(false);
      expect(result.name).toBe('half-failed');
    });

    it('reports its own name when it has one', () => {
      expect(evaluateRule({ name: 'group', any: [threeFailures] }, ruleContext(run('sss'))).name).toBe('group');
    });
  });

  describe('all', () => {
    it('fires only when every child fires, merging evidence under prefixed keys', () => {
      const ctx = ruleContext(run('..sss', { templates: ['A', 'B'] }));
      const result = evaluateRule({ all: [threeFailures, twoTemplatesFailed] }, ctx);
      expect(result.fired).toBe(true);
      expect(result.name).toBe('three-failures+two-templates');
      expect(result.counts['three-failures.consecutiveFailures']).toBe(3);
      expect(result.counts['two-templates.failingTemplates']).toBe(2);
      expect(result.thresholds['two-templates.templates']).toBe(2);
    });

    it('reports the first child that does not fire', () => {
      const result = evaluateRule({ all: [threeFailures, halfFailed] }, ruleContext(run('sss')));
      expect(result.fired).toBe(false);
      expect(result.name).toBe('half-failed');
    });
  });

  it('nests combinators (HammerCloud LastTwoPlusOne)', () => {
    const ltpo: RuleNode = {
      name: 'last-two-plus-one',
      any: [
        { templatesFailed: { templates: 2, lastJobs: 2 } },
        {
          all: [{ templatesFailed: { templates: 1, lastJobs: 2 } }, { templatesFailed: { templates: 2, lastJobs: 1 } }],
        },
      ],
    };
    // A: . s s   B: . s   → A has its last 2 failed, B its last 1.
    const yes = ruleContext(run('..sss', { templates: ['A', 'B'] }));
    expect(evaluateRule(ltpo, yes).fired).toBe(true);
    // A: . s s   B: . .
    const no = ruleContext(run('..s.s', { templates: ['A', 'B'] }));
    expect(evaluateRule(ltpo, no).fired).toBe(false);
  });
});
