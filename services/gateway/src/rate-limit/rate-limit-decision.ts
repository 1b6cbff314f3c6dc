/** The outcome of one request against its bucket. */
export interface RateLimitDecision {
  allowed: boolean;
  /** The bucket's size: the limit per minute. */
  limit: number;
  /** Whole requests left right now. */
  remaining: number;
  /** Seconds until the next request would be allowed (0 when one is). */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
}

/** Decision from the bucket's state after the request: `tokens` left of `limit`, refilled at limit/60 per second. */
export function rateLimitDecision(allowed: boolean, limit: number, tokens: number): RateLimitDecision {
  const perSecond = limit / 60;
  return {
    allowed,
    limit,
    remaining: Math.floor(tokens),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond)),
    resetSeconds: Math.ceil((limit - tokens) / perSecond),
  };
}
