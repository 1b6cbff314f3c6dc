import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '@anvil/bus';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { liveCountersKey, REDIS } from '@anvil/db';
import { HASH_AS_TEXT_SCRIPT } from './hash-as-text.script';
import type { JobStateCounts } from './job-state-counts';
import { tableFromText, totalsFromFields, TOTAL_FIELDS, type LiveCounterTable } from './live-counters.util';
import { withDeadline } from '../common/with-deadline.util';

const HASH_AS_TEXT_SHA = createHash('sha1').update(HASH_AS_TEXT_SCRIPT).digest('hex');

// Past this the page is answered from the rollups: a slow or unreachable cache must not hold a request for
// ioredis's whole retry schedule.
const READ_TIMEOUT_MS = 250;
// While Redis is away every request falls back; one warning per interval says so.
const WARN_INTERVAL_MS = 10_000;

/**
 * Reads the live counter hashes the ingester keeps in Redis (a cache of `job_rollups`, layout in libs/db
 * `live-counters.layout.ts`). Never throws: a hash it cannot read or trust is reported missing, and the caller
 * falls back to the rollups.
 */
@Injectable()
export class LiveCountersRepository {
  private readonly logger = new Logger(LiveCountersRepository.name);
  private lastWarnAt = -Infinity;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CORE_CONFIG) private readonly core: CoreConfig,
  ) {}

  /** The totals over all queues of each test that has usable live counters; one pipelined round trip. */
  async totals(testIds: readonly string[]): Promise<Map<string, JobStateCounts>> {
    const found = new Map<string, JobStateCounts>();
    if (testIds.length === 0) {
      return found;
    }
    const pipeline = this.redis.pipeline();
    for (const testId of testIds) {
      pipeline.hmget(liveCountersKey(this.core.namespace, testId), ...TOTAL_FIELDS);
    }
    const replies = await this.withTimeout(pipeline.exec());
    testIds.forEach((testId, i) => {
      const [error, values] = replies?.[i] ?? [null, undefined];
      const totals =
        error === null && Array.isArray(values) ? totalsFromFields(values as (string | null)[]) : undefined;
      if (totals) {
        found.set(testId, totals);
      }
    });
    return found;
  }

  /** The test's totals and per-queue counts, or undefined when it has no usable live counters. */
  async table(testId: string): Promise<LiveCounterTable | undefined> {
    const hash = await this.withTimeout(this.hashAsText(liveCountersKey(this.core.namespace, testId)));
    return hash && tableFromText(hash.text, hash.items);
  }

  /** The hash in one string (`HASH_AS_TEXT_SCRIPT`): HGETALL's reply is one object per field and value. */
  private async hashAsText(key: string): Promise<{ items: number; text: string }> {
    let reply: unknown;
    try {
      reply = await this.redis.callBuffer('EVALSHA', HASH_AS_TEXT_SHA, 1, key);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) {
        throw error;
      }
      reply = await this.redis.callBuffer('EVAL', HASH_AS_TEXT_SCRIPT, 1, key);
    }
    const [items, text] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (typeof items !== 'number' || !Buffer.isBuffer(text)) {
      throw new Error('the hash script answered something else than { count, text }');
    }
    // Queue ids and counts are ASCII: one byte, one character.
    return { items, text: text.toString('latin1') };
  }

  private async withTimeout<T>(work: Promise<T>): Promise<T | undefined> {
    try {
      return await withDeadline(work, READ_TIMEOUT_MS);
    } catch (error) {
      this.warn(`not read (${errorMessage(error)})`);
      return undefined;
    }
  }

  private warn(problem: string): void {
    const now = Date.now();
    if (now - this.lastWarnAt >= WARN_INTERVAL_MS) {
      this.lastWarnAt = now;
      this.logger.warn(`live counters ${problem}: answering from job_rollups`);
    }
  }
}
