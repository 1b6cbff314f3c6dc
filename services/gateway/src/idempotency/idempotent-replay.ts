import type { ReplayedHeaders } from './idempotency-entry';

/**
 * Raised instead of running a request whose idempotency key already has an answer: `IdempotentReplayFilter` sends
 * that answer. (An interceptor cannot answer with a status of its own: Nest sets the route's status on what it
 * returns.)
 */
export class IdempotentReplay extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: ReplayedHeaders,
  ) {
    super(`replay of a stored ${status} answer`);
    this.name = 'IdempotentReplay';
  }
}
