import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorMessage } from '@anvil/bus';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { liveCountersKey, REDIS } from '@anvil/db';
import type { JobStateCounts } from './job-state-counts';
import { tableFromHash, totalsFromFields, TOTAL_FIELDS, type LiveCounterTable } from './live-counters.util';

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
    // The raw reply, as bytes: ioredis's `hgetall` makes an object of 14,016 strings for 1,000 queues first, which
    // cost more than the read itself. (`callBuffer` with the upper-case name applies no reply transformation.)
    const reply = await this.withTimeout(
      this.redis.callBuffer('HGETALL', liveCountersKey(this.core.namespace, testId)),
    );
    return tableFromHash(flatPairs(reply));
  }

  private async withTimeout<T>(work: Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        this.warn(`not read within ${READ_TIMEOUT_MS} ms`);
        resolve(undefined);
      }, READ_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        work.catch((error: unknown) => {
          this.warn(`not read (${errorMessage(error)})`);
          return undefined;
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
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

/** HGETALL's reply as field, value, … buffers, whether ioredis handed it over flat or as an object. */
function flatPairs(reply: unknown): Buffer[] {
  const toBuffer = (item: unknown): Buffer => (Buffer.isBuffer(item) ? item : Buffer.from(String(item), 'latin1'));
  if (Array.isArray(reply)) {
    // No copy of 14,000 items in the usual case.
    return reply.every((item) => Buffer.isBuffer(item)) ? reply : reply.map(toBuffer);
  }
  if (typeof reply === 'object' && reply !== null) {
    return Object.entries(reply as Record<string, unknown>).flatMap(([field, value]) => [
      toBuffer(field),
      toBuffer(value),
    ]);
  }
  return [];
}
