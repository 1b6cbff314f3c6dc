import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import type { SimJobRecord } from './sim-job-record';

/** A stored job with its cancel time, if it was cancelled. */
export interface StoredSimJob {
  readonly record: SimJobRecord;
  readonly cancelledMs?: number;
}

/** How long the count of repeated submissions is kept after the last one (refreshed on each). */
const REPEATS_TTL_MS = 7 * 86_400_000;

/** Keys read (or removed) per command when listing a test's jobs. */
const LIST_SLICE = 1000;

/**
 * The simulated grid's state in Redis, shared by every SimBackend on the same Redis and prefix:
 *
 * - `<prefix>:job:<backendJobId>` — the job (JSON `SimJobRecord`), expiring `retainFinalMs` after its end;
 * - `<prefix>:cancelled:<backendJobId>` — its cancel time (epoch ms), expiring with the job;
 * - `<prefix>:test:<testId>` — sorted set of the test's backend job ids (score: submission time), expiring
 *   with its last job; members whose job has expired are dropped when the set is read;
 * - `<prefix>:repeats` — hash backend job id → submissions after the first;
 * - `<prefix>:anchor:<replay>` — wall-clock epoch ms of a scenario replay's hour 0.
 */
export class SimGridRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Stores a new job for `ttlMs`; when the id is already stored, leaves it as it is, counts a repeated
   * submission and returns false.
   */
  async create(backendJobId: string, record: SimJobRecord, ttlMs: number): Promise<boolean> {
    const testKey = this.testKey(record.testId);
    const [stored] = await execAll(
      this.redis
        .pipeline()
        .set(this.jobKey(backendJobId), JSON.stringify(record), 'PX', ttlMs, 'NX')
        .zadd(testKey, 'NX', record.submittedMs, backendJobId)
        // A new set gets the job's expiry (NX); later jobs only ever extend it (GT).
        .pexpire(testKey, ttlMs, 'NX')
        .pexpire(testKey, ttlMs, 'GT'),
    );
    if (stored === 'OK') {
      return true;
    }
    await execAll(
      this.redis.pipeline().hincrby(this.repeatsKey, backendJobId, 1).pexpire(this.repeatsKey, REPEATS_TTL_MS),
    );
    return false;
  }

  /** The stored jobs among `backendJobIds` (one MGET); unknown or expired ids are absent. */
  async get(backendJobIds: readonly string[]): Promise<Map<string, StoredSimJob>> {
    const found = new Map<string, StoredSimJob>();
    if (backendJobIds.length === 0) {
      return found;
    }
    const values = await this.redis.mget(
      ...backendJobIds.map((id) => this.jobKey(id)),
      ...backendJobIds.map((id) => this.cancelKey(id)),
    );
    backendJobIds.forEach((id, i) => {
      const record = decodeRecord(values[i]);
      if (record !== undefined) {
        const cancelled = values[backendJobIds.length + i];
        found.set(id, cancelled === null ? { record } : { record, cancelledMs: Number(cancelled) });
      }
    });
    return found;
  }

  /** Records the cancel time unless the job was cancelled before; the mark expires after `ttlMs`. */
  async markCancelled(backendJobId: string, cancelledMs: number, ttlMs: number): Promise<void> {
    await this.redis.set(this.cancelKey(backendJobId), String(cancelledMs), 'PX', ttlMs, 'NX');
  }

  /** Every job of the test still stored, oldest submission first. */
  async jobsOfTest(testId: string): Promise<Array<{ backendJobId: string; record: SimJobRecord }>> {
    const key = this.testKey(testId);
    const ids = await this.redis.zrange(key, 0, -1);
    if (ids.length === 0) {
      return [];
    }
    // In slices, so a long test's many jobs never make one command that holds Redis up.
    const values: (string | null)[] = [];
    for (let i = 0; i < ids.length; i += LIST_SLICE) {
      values.push(...(await this.redis.mget(...ids.slice(i, i + LIST_SLICE).map((id) => this.jobKey(id)))));
    }
    const jobs: Array<{ backendJobId: string; record: SimJobRecord }> = [];
    const expired: string[] = [];
    ids.forEach((backendJobId, i) => {
      const record = decodeRecord(values[i]);
      if (record === undefined) {
        expired.push(backendJobId);
      } else {
        jobs.push({ backendJobId, record });
      }
    });
    for (let i = 0; i < expired.length; i += LIST_SLICE) {
      await this.redis.zrem(key, ...expired.slice(i, i + LIST_SLICE));
    }
    return jobs;
  }

  /** Backend job id → how many times it was submitted after the first. */
  async repeatedSubmissions(): Promise<Map<string, number>> {
    const counts = await this.redis.hgetall(this.repeatsKey);
    return new Map(Object.entries(counts).map(([id, count]) => [id, Number(count)]));
  }

  /**
   * The wall-clock hour 0 of a scenario replay: the stored one, or `proposedMs`, stored for `ttlMs`, when
   * none is (SET NX GET: the first instance wins and every other one reads its value).
   */
  async anchor(replayId: string, proposedMs: number, ttlMs: number): Promise<number> {
    const existing = await this.redis.set(this.key('anchor', replayId), String(proposedMs), 'PX', ttlMs, 'NX', 'GET');
    return existing === null ? proposedMs : Number(existing);
  }

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  private jobKey(backendJobId: string): string {
    return this.key('job', backendJobId);
  }

  private cancelKey(backendJobId: string): string {
    return this.key('cancelled', backendJobId);
  }

  private testKey(testId: string): string {
    return this.key('test', testId);
  }

  private get repeatsKey(): string {
    return this.key('repeats');
  }
}

/** Runs a pipeline and returns its replies; throws the first command error. */
async function execAll(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, reply]) => {
    if (error !== null) {
      throw error;
    }
    return reply;
  });
}

function decodeRecord(value: string | null): SimJobRecord | undefined {
  if (value === null) {
    return undefined;
  }
  try {
    const record = JSON.parse(value) as SimJobRecord;
    return typeof record === 'object' && record !== null && typeof record.outcome === 'object' ? record : undefined;
  } catch {
    // Not written by this backend (or by an incompatible version): treat it as unknown.
    return undefined;
  }
}
