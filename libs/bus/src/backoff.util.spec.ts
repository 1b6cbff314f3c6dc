import { backoffDelay } from './backoff.util';

describe('backoffDelay', () => {
  const backoff = [1000, 5000, 15000];

  it('uses the first entry when the first delivery failed', () => {
    expect(backoffDelay(backoff, 1)).toBe(1000);
  });
  it('uses the entry matching the delivery count when it is in range', () => {
    expect(backoffDelay(backoff, 3)).toBe(15000);
  });
  it('keeps the last entry when the delivery count is past the list', () => {
    expect(backoffDelay(backoff, 9)).toBe(15000);
  });
  it('returns 0 when no backoff is configured', () => {
    expect(backoffDelay([], 2)).toBe(0);
  });
  it('treats a zero delivery count as the first delivery', () => {
    expect(backoffDelay(backoff, 0)).toBe(1000);
  });
});
