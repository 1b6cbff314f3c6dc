/** The response headers a replay sends again (`Location`, `Retry-After`), by name, when the answer had them. */
export type ReplayedHeaders = Readonly<Record<string, string>>;

/** What the store holds for one key: the request's fingerprint, and its answer once it has one. */
export type IdempotencyEntry =
  | { readonly state: 'running'; readonly fingerprint: string }
  | {
      readonly state: 'done';
      readonly fingerprint: string;
      readonly status: number;
      readonly body: unknown;
      /** Absent in entries stored before headers were kept. */
      readonly headers?: ReplayedHeaders;
    };

/** What `reserve` found: the key was free (and is now this request's), or another request's entry. */
export type IdempotencyReservation = { readonly state: 'reserved' } | IdempotencyEntry;

/** One caller's key in the store, and this request's mark on it (so only the request that reserved it ends it). */
export interface IdempotencySlot {
  readonly key: string;
  readonly owner: string;
}

/**
 * What ending a request found at its key: still its reservation; nothing (the reservation lapsed, the answer is
 * stored all the same); another request's entry (left as it is).
 */
export type IdempotencyFinish = 'owned' | 'lapsed' | 'taken';
