/**
 * Lua scripts keeping a test's live counter hash (`<queueId>:<state>`, `<queueId>:total`, and `rev`, bumped by
 * every write) consistent with `job_rollups`. Each runs atomically in Redis.
 */
export const LIVE_COUNTER_SCRIPTS = {
  /**
   * KEYS[1] hash; ARGV[1] ttl seconds; ARGV[2..] field, delta pairs. Increments only an existing hash: a missing
   * one (expired, flushed, never built) must be rebuilt from the rollups, not started from this batch's deltas.
   * Returns 1 when applied, 0 when the hash is missing.
   */
  incrementIfPresent: `
    if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
    for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
    redis.call('HINCRBY', KEYS[1], 'rev', 1)
    redis.call('EXPIRE', KEYS[1], ARGV[1])
    return 1`,
  /**
   * KEYS[1] hash; ARGV[1] the `rev` read before the rollups were read ('' when missing); ARGV[2] ttl seconds;
   * ARGV[3..] field, value pairs. Replaces the hash only if nobody wrote it meanwhile, so an increment made after
   * our read of the rollups is never overwritten. Returns 1 when replaced, 0 when `rev` moved.
   */
  replaceIfRevision: `
    local rev = redis.call('HGET', KEYS[1], 'rev')
    if (rev or '') ~= ARGV[1] then return 0 end
    redis.call('DEL', KEYS[1])
    redis.call('HSET', KEYS[1], 'rev', (tonumber(rev) or 0) + 1)
    for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
    redis.call('EXPIRE', KEYS[1], ARGV[2])
    return 1`,
} as const;
