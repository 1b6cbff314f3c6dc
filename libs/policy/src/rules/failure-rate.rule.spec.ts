import { HOUR, run } from '../testing/job-outcome.fixture';
import { ruleContext } from '../testing/rule-context.fixture';
import { evaluateFailureRate } from './failure-rate.rule';

describe(evaluateFailureRate.name, () => {
  it('fires at or above the threshold when the minimum volume is met', () => {
    const result = evaluateFailureRate({ threshold: 0.5, direction: 'above', minJobs: 4 }, ruleContext(run('.s.s')));
    expect(result.fired).toBe(true);
    expect(result.counts).toEqual({ jobs: 4, failures: 2 });
    expect(result.thresholds).toEqual({ threshold: 0.5, minJobs: 4, windowMs: 4 * HOUR });
  });

  it('does not fire with too few jobs, whatever the rate', () => {
    const result = evaluateFailureRate({ threshold: 0.5, direction: 'above', minJobs: 5 }, ruleContext(run('ssss')));
    expect(result.fired).toBe(false);
    expect(result.reason).toBe('4 job(s), needs 5');
  });

  it('only looks at the last N jobs within the window', () => {
    const outcomes = run('ssss....', { every: 30 });
    const lastFour = evaluateFailureRate(
      { threshold: 0.5, direction: 'above', minJobs: 4, lastJobs: 4 },
      ruleContext(outcomes),
    );
    expect(lastFour.counts).toEqual({ jobs: 4, failures: 0 });
    const lastHour = evaluateFailureRate(
      { threshold: 0.1, direction: 'above', minJobs: 1, window: HOUR },
      ruleContext(outcomes),
    );
    expect(lastHour.counts).toEqual({ jobs: 3, failures: 0 });
  });

  it('fires below the threshold when direction is below (a recovery condition)', () => {
    const rule = { threshold: 0.25, direction: 'below', minJobs: 4 } as const;
    expect(evaluateFailureRate(rule, ruleContext(run('s......'))).fired).toBe(true);
    expect(evaluateFailureRate(rule, ruleContext(run('s.s....'))).fired).toBe(false);
  });
});
