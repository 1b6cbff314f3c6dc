import { randomUUID } from 'node:crypto';

export const REQUEST_KINDS = ['tests_list', 'test_detail', 'queues_list', 'template_create'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface PlannedRequest {
  readonly kind: RequestKind;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The statuses this request is designed to get; anything else counts as failed. */
  readonly expected: readonly number[];
}

export interface RequestMixOptions {
  /** Share of idempotent writes, in percent; the rest are reads, split 40/30/30 between the three pages. */
  readonly writesPercent: number;
  readonly testIds: readonly string[];
  /** `Authorization` value (an operator API token). */
  readonly authorization: string;
}

/**
 * The `i`-th request of the load: the test list (front page), a test's detail, the queue list, or the creation of
 * a template with an `Idempotency-Key` (a retry by HAProxy then replays it instead of creating it twice).
 * Deterministic: every run sends the same sequence of kinds, in exact proportions per 100 requests.
 */
export function plannedRequest(i: number, options: RequestMixOptions): PlannedRequest {
  const auth = { Authorization: options.authorization };
  // 37 is coprime with 100: every 100 consecutive requests take each slot 0-99 once, spread out.
  const slot = (i * 37) % 100;
  if (slot < options.writesPercent) {
    const name = `failover-${randomUUID()}`;
    return {
      kind: 'template_create',
      method: 'POST',
      path: '/api/v1/templates',
      headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        name,
        kind: 'functional',
        description: 'created by the failover benchmark',
        workload: { command: '/bin/true', resources: { timeLimitSeconds: 600 } },
        queueSelector: { backend: 'sim' },
        submissionProfile: { minQueueDepth: 1, maxRunning: 2 },
        lifetimeSeconds: 3600,
        robot: false,
        active: false,
      }),
      expected: [200, 201],
    };
  }
  const read = ((slot - options.writesPercent) / (100 - options.writesPercent)) * 100;
  if (read < 40) {
    return { kind: 'tests_list', method: 'GET', path: '/api/v1/tests?limit=50', headers: auth, expected: [200] };
  }
  if (read < 70) {
    const testId = options.testIds[i % options.testIds.length];
    return { kind: 'test_detail', method: 'GET', path: `/api/v1/tests/${testId}`, headers: auth, expected: [200] };
  }
  return { kind: 'queues_list', method: 'GET', path: '/api/v1/queues', headers: auth, expected: [200] };
}
