/** The request header naming a POST's idempotency key (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Set on an answer replayed from the idempotency store rather than produced by running the request. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
