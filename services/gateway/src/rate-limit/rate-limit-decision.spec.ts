import { rateLimitDecision } from './rate-limit-decision';

describe('rateLimitDecision', () => {
  it('counts whole requests left and the time to a full bucket when allowed', () => {
    // 600/min = 10 per second: 99.5 tokens missing take 9.95 s.
    expect(rateLimitDecision(true, 600, 500.5)).toEqual({
      allowed: true,
      limit: 600,
      remaining: 500,
      retryAfterSeconds: 0,
      resetSeconds: 10,
    });
  });
  it('says when the next token comes when refused', () => {
    // 6/min = one token per 10 s; 0.25 of one is there.
    expect(rateLimitDecision(false, 6, 0.25)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 8 });
  });
  it('never tells a refused client to retry after 0 seconds', () => {
    expect(rateLimitDecision(false, 60_000, 0.99999).retryAfterSeconds).toBe(1);
  });
});
