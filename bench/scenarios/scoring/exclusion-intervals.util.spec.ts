import { queueDecision } from './decision.fixture';
import { exclusionIntervals } from './exclusion-intervals.util';

describe(exclusionIntervals.name, () => {
  const M = 60_000;

  it('pairs each enforced exclude with the next enforced recover, in time order', () => {
    const intervals = exclusionIntervals(
      [queueDecision('recover', 'q', 30), queueDecision('exclude', 'q', 10), queueDecision('exclude', 'q', 50)],
      100 * M,
    );
    expect(intervals.get('q')).toEqual([
      expect.objectContaining({ from: 10 * M, until: 30 * M, open: false }),
      expect.objectContaining({ from: 50 * M, until: 100 * M, open: true }),
    ]);
  });

  it('ignores detections that were not enforced, repeated excludes and stray recovers', () => {
    const intervals = exclusionIntervals(
      [
        queueDecision('recover', 'q', 5),
        queueDecision('exclude', 'q', 10, false),
        queueDecision('exclude', 'q', 20),
        queueDecision('exclude', 'q', 25),
        queueDecision('recover', 'q', 30, false),
        queueDecision('recover', 'q', 40),
        queueDecision('recover', 'q', 45),
      ],
      100 * M,
    );
    expect(intervals.get('q')).toEqual([expect.objectContaining({ from: 20 * M, until: 40 * M, open: false })]);
  });

  it('has no entry for a queue without enforced exclusions', () => {
    expect(exclusionIntervals([queueDecision('exclude', 'q', 10, false)], 100 * M).size).toBe(0);
  });
});
