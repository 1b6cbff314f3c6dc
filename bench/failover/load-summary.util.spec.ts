import type { RequestOutcome } from './fixed-rate-load';
import { summarizeLoad } from './load-summary.util';

const outcome = (overrides: Partial<RequestOutcome>): RequestOutcome => ({
  kind: 'tests_list',
  dueAtS: 1,
  latencyMs: 10,
  status: 200,
  error: null,
  ok: true,
  clientRetries: 0,
  ...overrides,
});

describe(summarizeLoad.name, () => {
  it('counts failures, statuses and errors, overall and per kind', () => {
    const summary = summarizeLoad(
      [
        outcome({ latencyMs: 5 }),
        outcome({ kind: 'template_create', status: 201, latencyMs: 20, clientRetries: 2 }),
        outcome({ kind: 'template_create', status: 409, ok: false, latencyMs: 30, dueAtS: 12.345 }),
        outcome({ status: null, error: 'ECONNRESET', ok: false, latencyMs: 40 }),
      ],
      2,
    );
    expect(summary).toMatchObject({
      requests: 4,
      failed: 2,
      rate: 2,
      client_retries: 2,
      status_counts: { '200': 1, '201': 1, '409': 1, ECONNRESET: 1 },
      by_kind: {
        template_create: { requests: 2, failed: 1, p50_ms: 20, max_ms: 30 },
        tests_list: { requests: 2, failed: 1, p50_ms: 5, max_ms: 40 },
      },
    });
    expect(summary.failures).toEqual([
      { at_s: 12.35, kind: 'template_create', status: 409, error: null },
      { at_s: 1, kind: 'tests_list', status: null, error: 'ECONNRESET' },
    ]);
  });

  it('takes latency percentiles by nearest rank', () => {
    const outcomes = Array.from({ length: 200 }, (_, i) => outcome({ latencyMs: i + 1 }));
    expect(summarizeLoad(outcomes, 1)).toMatchObject({ p50_ms: 100, p99_ms: 198, max_ms: 200 });
  });
});
