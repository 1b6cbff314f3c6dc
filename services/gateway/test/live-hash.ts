import type Redis from 'ioredis';
import { LIVE_COUNTERS_ALL_QUEUES, liveCounterField, liveCountersKey } from '@anvil/db';

const COUNTERS = ['submitted', 'running', 'completed', 'failed', 'cancelled', 'lost', 'total'] as const;

export type Counts = Partial<Record<(typeof COUNTERS)[number], number>>;

/**
 * Writes a test's live counter hash as the ingester's rebuild does: `<queueId>:<counter>` per queue, and, unless
 * `allQueues` is false (an ingester from before the `*` fields), `*:<counter>` summed over the queues.
 */
export async function writeLiveHash(
  redis: Redis,
  namespace: string,
  testId: string,
  perQueue: Record<string, Counts>,
  { allQueues = true }: { allQueues?: boolean } = {},
): Promise<void> {
  const fields: Record<string, number> = { rev: 1 };
  for (const [queueId, counts] of Object.entries(perQueue)) {
    for (const counter of COUNTERS) {
      const n = counts[counter] ?? 0;
      fields[liveCounterField(queueId, counter)] = n;
      if (allQueues) {
        const all = liveCounterField(LIVE_COUNTERS_ALL_QUEUES, counter);
        fields[all] = (fields[all] ?? 0) + n;
      }
    }
  }
  const key = liveCountersKey(namespace, testId);
  await redis.multi().del(key).hset(key, fields).exec();
}

export async function deleteLiveHash(redis: Redis, namespace: string, testId: string): Promise<void> {
  await redis.del(liveCountersKey(namespace, testId));
}
