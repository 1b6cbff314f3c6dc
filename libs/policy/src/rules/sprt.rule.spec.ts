import { run } from '../testing/job-outcome.fixture';
import { ruleContext } from '../testing/rule-context.fixture';
import { evaluateSprt } from './sprt.rule';

// Upper bound A = ln(0.95/0.0004) ≈ 7.77; lower B = ln(0.05/0.9996) ≈ -3.0; a failure adds ln(0.9/0.02) ≈ 3.81.
const FAST = { p0: 0.02, p1: 0.9, alpha: 0.0004, beta: 0.05 };

describe(evaluateSprt.name, () => {
  it('fires at the 3rd failure in a row of a healthy queue, not at the 2nd', () => {
    expect(evaluateSprt(FAST, ruleContext(run(`${'.'.repeat(20)}ss`))).fired).toBe(false);
    const result = evaluateSprt(FAST, ruleContext(run(`${'.'.repeat(20)}sss`)));
    expect(result.fired).toBe(true);
    expect(result.thresholds.upper).toBeCloseTo(Math.log(0.95 / 0.0004), 3);
    expect(result.thresholds.lower).toBeCloseTo(Math.log(0.05 / 0.9996), 3);
  });

  it('never fires on 10% random failures with a strict alpha', () => {
    const strict = { p0: 0.1, p1: 0.5, alpha: 0.000001, beta: 0.05 };
    const pattern = `${'.'.repeat(9)}s`.repeat(30);
    expect(evaluateSprt(strict, ruleContext(run(pattern))).fired).toBe(false);
    expect(evaluateSprt(strict, ruleContext(run(`${pattern}ss`))).fired).toBe(false);
  });

  it('stays within its bounds, so one success after a long failure run drops below the upper bound', () => {
    const ctx = ruleContext(run(`${'s'.repeat(40)}.`));
    const result = evaluateSprt(FAST, ctx);
    expect(result.fired).toBe(false);
    expect(result.counts.llr).toBeCloseTo(Math.log(0.95 / 0.0004) + Math.log(0.1 / 0.98), 2);
  });

  it('looks only at the last N results when given a test window', () => {
    const result = evaluateSprt({ ...FAST, lastJobs: 5 }, ruleContext(run(`${'s'.repeat(10)}.....`)));
    expect(result.counts.jobs).toBe(5);
    expect(result.counts.failures).toBe(0);
  });

  describe('baseline', () => {
    const rule = { ...FAST, lastJobs: 6, baseline: { lastJobs: 30, minJobs: 10, maxP0: 0.2 } };

    it('takes p0 from the queue’s own failure share before the test window', () => {
      const flaky = `${'.'.repeat(9)}s`.repeat(3);
      const result = evaluateSprt(rule, ruleContext(run(`${flaky}...sss`)));
      expect(result.thresholds.p0).toBe(0.1);
      expect(result.fired).toBe(false);
    });

    it('keeps the floor p0 for a clean queue and fires as fast as without a baseline', () => {
      const result = evaluateSprt(rule, ruleContext(run(`${'.'.repeat(30)}..ssss`)));
      expect(result.thresholds.p0).toBe(0.02);
      expect(result.fired).toBe(true);
    });

    it('assumes the worst p0 while the queue has too short a record', () => {
      const result = evaluateSprt(rule, ruleContext(run('...ssss')));
      expect(result.thresholds.p0).toBe(0.2);
      expect(result.counts.baselineJobs).toBe(1);
    });
  });
});
