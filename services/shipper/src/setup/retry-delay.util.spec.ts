import { retryDelay } from './retry-delay.util';

describe('retryDelay', () => {
  it('doubles from the initial wait and stops at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => retryDelay(n, 500, 30_000))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('treats a count below 1 as the first failure', () => {
    expect(retryDelay(0, 250, 1000)).toBe(250);
  });
});
