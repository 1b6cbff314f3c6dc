import type { BrokenInterval } from './ground-truth.types';
import { mergeIntervals } from './merge-intervals.util';

describe(mergeIntervals.name, () => {
  const interval = (from: number, until: number, repaired = true): BrokenInterval => ({
    from,
    until,
    repaired,
    cause: 'outage',
    evidenceUntil: until,
  });

  it('sorts and keeps disjoint intervals apart', () => {
    expect(mergeIntervals([interval(50, 60), interval(10, 20)])).toEqual([interval(10, 20), interval(50, 60)]);
  });

  it('merges overlapping and touching intervals when they meet', () => {
    const merged = mergeIntervals([interval(10, 30), interval(20, 40), interval(40, 50, false)]);
    expect(merged).toEqual([{ ...interval(10, 50, false) }]);
  });
});
