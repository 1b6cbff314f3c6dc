/**
 * One token bucket per key, atomically in Redis. KEYS[1]: the bucket; ARGV[1]: its capacity (the limit per
 * minute), refilled evenly over a minute. Takes one token when there is one. Returns { allowed (1/0), tokens left
 * (a decimal string: Lua numbers come back truncated) }. Redis's clock (TIME), so every replica counts alike;
 * the key expires when the bucket would be full again, and a missing key is a full bucket.
 */
export const TOKEN_BUCKET_SCRIPT = `
local capacity = tonumber(ARGV[1])
local per_ms = capacity / 60000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1)
return { allowed, tostring(tokens) }
`;
