import { createScenarioPrng } from './scenario-prng.util';
import { streamSeed } from './stream-seed.util';

describe(createScenarioPrng.name, () => {
  const draws = (seed: number, n = 1000): number[] => {
    const prng = createScenarioPrng(seed);
    return Array.from({ length: n }, () => prng.next());
  };

  it('gives the same sequence for the same seed', () => {
    expect(draws(42)).toEqual(draws(42));
  });

  it('gives different sequences for different seeds', () => {
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('draws in [0, 1) with a mean near 0.5 when drawing many values', () => {
    const values = draws(7, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  describe('between', () => {
    it('stays within the bounds', () => {
      const prng = createScenarioPrng(1);
      const values = Array.from({ length: 1000 }, () => prng.between(20, 40));
      expect(Math.min(...values)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...values)).toBeLessThan(40);
    });
  });
});

describe(streamSeed.name, () => {
  it('is stable for the same names and differs across names and seeds', () => {
    expect(streamSeed(1, 'a', 'b')).toBe(streamSeed(1, 'a', 'b'));
    expect(streamSeed(1, 'a', 'b')).not.toBe(streamSeed(1, 'ab'));
    expect(streamSeed(1, 'a', 'b')).not.toBe(streamSeed(2, 'a', 'b'));
    expect(streamSeed(1, 'q1')).not.toBe(streamSeed(1, 'q2'));
  });
});
