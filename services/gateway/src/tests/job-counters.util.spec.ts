import { sumJobCounters } from './job-counters.util';

const ZERO = { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };

describe('sumJobCounters', () => {
  it('recomputes the fail percentage from the sums when queues differ', () => {
    const totals = sumJobCounters([
      { ...ZERO, completed: 9, failed: 1, total: 10 },
      { ...ZERO, completed: 0, failed: 2, running: 3, total: 5 },
    ]);
    expect(totals).toEqual({ ...ZERO, completed: 9, failed: 3, running: 3, total: 15, failPercent: 25 });
  });
  it('gives zeros and a null percentage when there are no queues', () => {
    expect(sumJobCounters([])).toEqual({ ...ZERO, failPercent: null });
  });
});
