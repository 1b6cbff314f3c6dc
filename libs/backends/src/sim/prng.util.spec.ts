import { createPrng } from './prng.util';

describe('createPrng', () => {
  it('returns the same sequence when given the same parts', () => {
    const a = createPrng(42, 'job-1');
    const b = createPrng(42, 'job-1');
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it('returns different sequences when the parts differ', () => {
    const a = createPrng(42, 'job-1');
    const b = createPrng(43, 'job-1');
    expect(a()).not.toBe(b());
  });

  it('returns numbers in [0, 1) with a mean near 0.5 when drawn many times', () => {
    const prng = createPrng('mean');
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = prng();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });
});
