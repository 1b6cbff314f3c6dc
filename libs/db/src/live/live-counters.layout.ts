import { redisKey } from '../nest/redis.module';

/**
 * The Redis layout of a test's live job counters, shared by their writer (the ingester) and their readers (the
 * gateway). One hash per test, `<ns>:anvil:live:<testId>`, a cache of `job_rollups`:
 * - `<queueId>:<state>` and `<queueId>:total` — the test's jobs on that queue; a missing field is 0 (a rebuild
 *   leaves zeros out, an increment creates the field);
 * - `*:<state>` and `*:total` — the same summed over every queue (`*` is never a queue id), always all present;
 * - `rev` — bumped by every write, so a rebuild never overwrites an increment it did not see.
 * A missing hash means "unknown", never "zero": readers fall back to `job_rollups`.
 */
export const LIVE_COUNTERS_ALL_QUEUES = '*';

export function liveCountersKey(namespace: string, testId: string): string {
  return redisKey(namespace, 'live', testId);
}

/** The field of `queueId`'s (or, with `LIVE_COUNTERS_ALL_QUEUES`, the test's) count of `state` (or `total`). */
export function liveCounterField(queueId: string, state: string): string {
  return `${queueId}:${state}`;
}
