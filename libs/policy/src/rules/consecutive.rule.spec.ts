import { run } from '../testing/job-outcome.fixture';
import { ruleContext } from '../testing/rule-context.fixture';
import { evaluateConsecutive } from './consecutive.rule';

describe(evaluateConsecutive.name, () => {
  it('counts the failures at the end of the queue sequence across templates', () => {
    const result = evaluateConsecutive({ count: 3 }, ruleContext(run('..sss', { templates: ['A', 'B'] })), 'failures');
    expect(result.fired).toBe(true);
    expect(result.counts).toEqual({ consecutiveFailures: 3 });
    expect(result.name).toBe('consecutive-failures-3');
    expect(result.jobIds).toHaveLength(3);
  });

  it('does not fire when a completion interrupts the run', () => {
    expect(evaluateConsecutive({ count: 3 }, ruleContext(run('ss.ss')), 'failures').fired).toBe(false);
  });

  it('steps over failures of uncounted classes', () => {
    expect(evaluateConsecutive({ count: 3 }, ruleContext(run('sususu')), 'failures').counts).toEqual({
      consecutiveFailures: 3,
    });
  });

  it('counts completions when asked for successes', () => {
    const result = evaluateConsecutive({ count: 2, name: 'two-good' }, ruleContext(run('ss...')), 'successes');
    expect(result.fired).toBe(true);
    expect(result.name).toBe('two-good');
    expect(result.counts).toEqual({ consecutiveSuccesses: 3 });
    expect(evaluateConsecutive({ count: 4 }, ruleContext(run('ss...')), 'successes').fired).toBe(false);
  });
});
