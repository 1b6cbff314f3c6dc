import { wallTimeBins } from './wall-time-bins.util';

describe('wallTimeBins', () => {
  it('bins 300–900 s in 20 s bins', () => {
    expect(wallTimeBins(300, 900)).toMatchObject({ lowest: 300, width: 20, count: 31 });
  });

  it('starts on a multiple of the width', () => {
    expect(wallTimeBins(317.4, 889)).toMatchObject({ lowest: 300, width: 20, count: 30 });
  });

  it('uses 2.5 × 10ⁿ widths', () => {
    expect(wallTimeBins(0, 70)).toMatchObject({ lowest: 0, width: 2.5, count: 29 });
  });

  it('bins sub-second jobs in milliseconds and keeps round bounds', () => {
    const bins = wallTimeBins(0.013, 0.041);
    expect(bins).toMatchObject({ lowest: 0.013, width: 0.001, count: 29 });
    expect(bins.edges.slice(0, 4)).toEqual([0.013, 0.014, 0.015, 0.016]);
    expect(bins.edges.at(-1)).toBe(0.042);
  });

  it('makes one bin when every job took as long', () => {
    expect(wallTimeBins(42, 42)).toEqual({ lowest: 42, width: 0.001, count: 1, edges: [42, 42.001] });
  });

  it('bins days-long jobs in round thousands of seconds', () => {
    expect(wallTimeBins(3_600, 172_800)).toMatchObject({ lowest: 0, width: 10_000, count: 18 });
  });

  it.each([
    [0, 1],
    [5, 123_456],
    [0.5, 0.75],
    [1e-6, 3e-3],
  ])('never makes more than 31 bins (%d–%d s)', (min, max) => {
    const { lowest, width, count, edges } = wallTimeBins(min, max);
    expect(count).toBeLessThanOrEqual(31);
    expect(edges).toHaveLength(count + 1);
    expect(lowest).toBeLessThanOrEqual(min);
    expect(lowest + count * width).toBeGreaterThan(max);
  });
});
