import type { Response } from 'express';
import type { ReplayedHeaders } from './idempotency-entry';

// The headers of an answer that belong to it (where the created thing is, when to ask again); the rest
// (X-Request-ID, RateLimit-*) describe the request that carries them and are the replaying request's own.
const REPLAYED = ['Location', 'Retry-After'] as const;

/** The headers of `response` a replay of its answer sends again, by name. */
export function replayedHeadersOf(response: Pick<Response, 'getHeader'>): ReplayedHeaders {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED) {
    const value = response.getHeader(name);
    if (typeof value === 'string' || typeof value === 'number') {
      headers[name] = String(value);
    }
  }
  return headers;
}
