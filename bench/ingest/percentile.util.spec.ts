import { percentile } from './percentile.util';

describe(percentile.name, () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile(Float64Array.from([1, 2, 3]), 50)).toBe(2);
  });

  it('is NaN when there is nothing', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});
