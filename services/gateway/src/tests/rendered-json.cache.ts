/** How long a rendered answer is served again: how old the test list and a test's page may be. */
export const RENDERED_JSON_TTL_MS = 1000;
/** Bytes of rendered answers kept at most (a test page of 1,000 queues is ~145 KB: about 220 of them). */
export const RENDERED_JSON_MAX_BYTES = 32 * 1024 * 1024;

interface Entry {
  body: Promise<Buffer>;
  /** When its reads began (`now()`), so the age bounds how old the data is. */
  renderedAt: number;
  /** 0 until rendered. */
  bytes: number;
}

/**
 * Answers rendered to JSON bytes, kept per replica for `ttlMs` from when their reads began: every request within
 * that time gets the same bytes, and concurrent requests for a key being rendered wait for that one rendering.
 * A failed rendering (a 404, an error) is not kept. Oldest first out when over `maxBytes`.
 */
export class RenderedJsonCache {
  // Insertion order is age order: an entry is never re-set, only deleted and added anew.
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly ttlMs = RENDERED_JSON_TTL_MS,
    private readonly maxBytes = RENDERED_JSON_MAX_BYTES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The bytes rendered for `key` less than `ttlMs` ago, else those of `render()`'s answer (then kept). */
  get(key: string, render: () => Promise<unknown>): Promise<Buffer> {
    const now = this.now();
    this.dropOlderThan(now - this.ttlMs);
    const kept = this.entries.get(key);
    if (kept) {
      return kept.body;
    }
    const entry: Entry = {
      body: render().then((answer) => Buffer.from(JSON.stringify(answer))),
      renderedAt: now,
      bytes: 0,
    };
    this.entries.set(key, entry);
    entry.body.then(
      (body) => {
        if (this.entries.get(key) === entry) {
          entry.bytes = body.length;
          this.bytes += body.length;
          this.dropOverBudget();
        }
      },
      () => this.drop(key, entry),
    );
    return entry.body;
  }

  /** Forgets every answer (tests: as if the bound had passed). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Bytes of the answers kept. */
  get size(): number {
    return this.bytes;
  }

  private dropOlderThan(oldest: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.renderedAt > oldest) {
        return;
      }
      this.drop(key, entry);
    }
  }

  private dropOverBudget(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) {
        return;
      }
      this.drop(key, entry);
    }
  }

  private drop(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}
