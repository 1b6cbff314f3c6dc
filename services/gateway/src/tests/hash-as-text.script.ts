/**
 * A whole hash as one string: KEYS[1] the hash. Returns { how many fields and values (HGETALL's count), all of them
 * in HGETALL's order joined by "\n" }. One bulk string costs the gateway a sixth of what HGETALL's 14,016 items for
 * a 1,000-queue test do to receive; Redis spends ~2 ms on it instead of ~0.5 ms.
 */
export const HASH_AS_TEXT_SCRIPT = `
local items = redis.call('HGETALL', KEYS[1])
return { #items, table.concat(items, '\\n') }
`;
