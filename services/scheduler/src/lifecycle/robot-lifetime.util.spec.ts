import { jitteredLifetimeMs } from './robot-lifetime.util';

describe('jitteredLifetimeMs', () => {
  it('is 10% shorter when random returns 0', () => {
    expect(jitteredLifetimeMs(3600, () => 0)).toBe(3_240_000);
  });

  it('is the lifetime itself when random returns 0.5', () => {
    expect(jitteredLifetimeMs(3600, () => 0.5)).toBe(3_600_000);
  });

  it('approaches 10% longer when random approaches 1', () => {
    expect(jitteredLifetimeMs(3600, () => 0.999999)).toBe(3_959_999);
  });

  it('stays within ±10% and spreads over the range when random is uniform', () => {
    const samples = Array.from({ length: 2000 }, () => jitteredLifetimeMs(100));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(90_000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(110_000);
    // Uniform, not clustered: both outer fifths of the range are hit.
    expect(samples.some((ms) => ms < 94_000)).toBe(true);
    expect(samples.some((ms) => ms > 106_000)).toBe(true);
  });

  it('never returns less than 1 ms when the lifetime is tiny', () => {
    expect(jitteredLifetimeMs(0.0001, () => 0)).toBe(1);
  });
});
