import type { StoredApiToken } from './api-token-lookup.repository';

/**
 * How long a replica trusts an API token row it read without reading it again: a revocation made on another
 * replica, or in the database, takes effect within this time. (The replica that revokes forgets the row at once.)
 */
export const API_TOKEN_CACHE_MS = 5000;
/** Rows kept at most, oldest out first; unknown tokens are never kept, so a flood of them cannot grow this. */
export const API_TOKEN_CACHE_MAX_ROWS = 10_000;

interface Entry {
  token: StoredApiToken;
  readAt: number;
}

/**
 * API token rows by token hash, per replica, for `ttlMs` after they were read. Only rows that exist are kept:
 * expiry is checked against the row on every request, so a kept row never outlives its token.
 */
export class ApiTokenCache {
  // Insertion order is age order: a row is deleted before it is added again.
  private readonly byHash = new Map<string, Entry>();
  // Bumped by `forget`: a read that began before it must not put the row it got back.
  private generation = 0;

  constructor(
    private readonly ttlMs = API_TOKEN_CACHE_MS,
    private readonly maxRows = API_TOKEN_CACHE_MAX_ROWS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The row kept for `tokenHash`, if read less than `ttlMs` ago. */
  get(tokenHash: string): StoredApiToken | undefined {
    const entry = this.byHash.get(tokenHash);
    if (entry === undefined) {
      return undefined;
    }
    if (this.now() - entry.readAt >= this.ttlMs) {
      this.byHash.delete(tokenHash);
      return undefined;
    }
    return entry.token;
  }

  /** Reads the row with `read` and keeps it if it exists and no `forget` ran meanwhile. */
  async read(tokenHash: string, read: () => Promise<StoredApiToken | null>): Promise<StoredApiToken | null> {
    const generation = this.generation;
    const readAt = this.now();
    const token = await read();
    if (token !== null && generation === this.generation) {
      this.keep(tokenHash, { token, readAt });
    }
    return token;
  }

  /** Drops the row of token `id` (revoked on this replica): its next request reads the database. */
  forget(id: string): void {
    this.generation += 1;
    for (const [tokenHash, entry] of this.byHash) {
      if (entry.token.id === id) {
        this.byHash.delete(tokenHash);
      }
    }
  }

  private keep(tokenHash: string, entry: Entry): void {
    this.byHash.delete(tokenHash);
    const oldest = this.now() - this.ttlMs;
    for (const [hash, kept] of this.byHash) {
      if (kept.readAt > oldest && this.byHash.size < this.maxRows) {
        break;
      }
      this.byHash.delete(hash);
    }
    this.byHash.set(tokenHash, entry);
  }
}
