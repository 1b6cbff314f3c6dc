import Redis from 'ioredis';

/** Reads (and finally deletes) the live counter hashes of one namespace, as the front page would. */
export class LiveCounterReader {
  readonly redis = new Redis(process.env.ANVIL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

  constructor(private readonly namespace: string) {}

  key(testId: string): string {
    return `${this.namespace}:anvil:live:${testId}`;
  }

  /** `{ '<queue>:<state>': n }` of one test, without `rev` and zero fields. */
  async counters(testId: string): Promise<Record<string, number>> {
    const hash = await this.redis.hgetall(this.key(testId));
    return Object.fromEntries(
      Object.entries(hash)
        .filter(([field, value]) => field !== 'rev' && Number(value) !== 0)
        .map(([field, value]) => [field, Number(value)]),
    );
  }

  async cleanup(): Promise<void> {
    const keys = await this.redis.keys(`${this.namespace}:anvil:*`);
    if (keys.length > 0) {
      await this.redis.del(...keys);
    }
    await this.redis.quit();
  }
}
