/** Counts and checks the bench's documents in OpenSearch over its REST API. */
export class OpenSearchProbe {
  constructor(
    private readonly url: string,
    /** Index pattern of the bench's documents, e.g. `bench_ship_x-anvil-*`. */
    private readonly pattern: string,
  ) {}

  /** Documents with an `event.sequence` (the bench's lines, not the shipper's own), after a refresh; undefined while OpenSearch is down. */
  async count(refresh: boolean): Promise<number | undefined> {
    try {
      if (refresh) {
        await this.request('POST', `/${this.pattern}/_refresh?ignore_unavailable=true&allow_no_indices=true`);
      }
      const body = (await this.request(
        'POST',
        `/${this.pattern}/_count?ignore_unavailable=true&allow_no_indices=true`,
        { query: { exists: { field: 'event.sequence' } } },
      )) as { count: number };
      return body.count;
    } catch {
      return undefined;
    }
  }

  /**
   * Lines missing and lines indexed more than once, out of sequences 0 … total-1: buckets of 100,000 sequences are
   * compared by count and sum; a bucket that differs is listed sequence by sequence.
   */
  async verify(total: number): Promise<{ lost: number; duplicated: number }> {
    const interval = 100_000;
    const body = (await this.request('POST', `/${this.pattern}/_search?size=0`, {
      query: { exists: { field: 'event.sequence' } },
      aggs: {
        buckets: {
          histogram: { field: 'event.sequence', interval, min_doc_count: 0 },
          aggs: { sum: { sum: { field: 'event.sequence' } } },
        },
      },
    })) as { aggregations: { buckets: { buckets: { key: number; doc_count: number; sum: { value: number } }[] } } };
    const seen = new Map(body.aggregations.buckets.buckets.map((b) => [b.key, b]));
    let lost = 0;
    let duplicated = 0;
    for (let start = 0; start < total; start += interval) {
      const end = Math.min(total, start + interval);
      const expectedSum = ((start + end - 1) * (end - start)) / 2;
      const bucket = seen.get(start);
      if (bucket?.doc_count === end - start && bucket.sum.value === expectedSum) {
        continue;
      }
      const exact = await this.exactRange(start, end);
      lost += exact.lost;
      duplicated += exact.duplicated;
    }
    const beyond = [...seen.values()].filter((b) => b.key >= total).reduce((n, b) => n + b.doc_count, 0);
    return { lost, duplicated: duplicated + beyond };
  }

  async deleteAll(): Promise<void> {
    await this.request('DELETE', `/${this.pattern}?ignore_unavailable=true&allow_no_indices=true`).catch(
      () => undefined,
    );
  }

  private async exactRange(start: number, end: number): Promise<{ lost: number; duplicated: number }> {
    const counts = new Map<number, number>();
    let after: Record<string, number> | undefined;
    for (;;) {
      const page = (await this.request('POST', `/${this.pattern}/_search?size=0`, {
        query: { range: { 'event.sequence': { gte: start, lt: end } } },
        aggs: {
          seq: {
            composite: {
              size: 10_000,
              sources: [{ seq: { terms: { field: 'event.sequence' } } }],
              ...(after === undefined ? {} : { after }),
            },
          },
        },
      })) as {
        aggregations: {
          seq: { buckets: { key: { seq: number }; doc_count: number }[]; after_key?: Record<string, number> };
        };
      };
      for (const bucket of page.aggregations.seq.buckets) {
        counts.set(bucket.key.seq, bucket.doc_count);
      }
      after = page.aggregations.seq.after_key;
      if (after === undefined || page.aggregations.seq.buckets.length === 0) {
        break;
      }
    }
    let lost = 0;
    let duplicated = 0;
    for (let seq = start; seq < end; seq++) {
      const n = counts.get(seq) ?? 0;
      lost += n === 0 ? 1 : 0;
      duplicated += Math.max(0, n - 1);
    }
    return { lost, duplicated };
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`OpenSearch ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text) as unknown;
  }
}
