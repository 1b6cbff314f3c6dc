import type Redis from 'ioredis';
import { Client } from 'pg';
import { JOB_STATE_NAMES } from '@anvil/contracts';
import { LIVE_COUNTERS_ALL_QUEUES, liveCounterField, liveCountersKey } from '@anvil/db';

const COUNTERS = [...JOB_STATE_NAMES, 'total'] as const;
// The benchmark deletes its hashes at the end; the expiry only bounds what a crashed run leaves behind.
const TTL_SECONDS = 24 * 3600;

/**
 * Writes every test's live counter hash as the ingester's rebuild does (layout in libs/db
 * `live-counters.layout.ts`): per queue (zero counts left out) and `*` over all queues, from `job_rollups`, plus
 * `rev`.
 * Returns the number of fields written.
 */
export async function writeLiveHashes(
  url: string,
  schema: string,
  redis: Redis,
  namespace: string,
  testIds: readonly string[],
): Promise<number> {
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  let fields = 0;
  try {
    for (const testId of testIds) {
      const rows = await client.query<Record<(typeof COUNTERS)[number] | 'queue_id', string>>(
        `SELECT queue_id, ${COUNTERS.map((c) => `sum(${c})::bigint AS ${c}`).join(', ')}
           FROM job_rollups WHERE test_id = $1 GROUP BY queue_id`,
        [testId],
      );
      const hash: Record<string, number> = { rev: 1 };
      for (const row of rows.rows) {
        for (const counter of COUNTERS) {
          const n = Number(row[counter]);
          if (n !== 0) {
            hash[liveCounterField(row.queue_id, counter)] = n;
          }
          const all = liveCounterField(LIVE_COUNTERS_ALL_QUEUES, counter);
          hash[all] = (hash[all] ?? 0) + n;
        }
      }
      const key = liveCountersKey(namespace, testId);
      await redis.multi().del(key).hset(key, hash).expire(key, TTL_SECONDS).exec();
      fields += Object.keys(hash).length;
    }
  } finally {
    await client.end();
  }
  return fields;
}

export async function deleteLiveHashes(redis: Redis, namespace: string, testIds: readonly string[]): Promise<void> {
  if (testIds.length > 0) {
    await redis.del(...testIds.map((testId) => liveCountersKey(namespace, testId)));
  }
}
