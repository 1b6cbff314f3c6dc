/** Redis of the ingesters under test (they get it as ANVIL_REDIS_URL); the bench deletes their keys at the end. */
export const BENCH_REDIS_URL = process.env.ANVIL_REDIS_URL ?? 'redis://127.0.0.1:6379';
