/**
 * Entries are stored as `<owner> <entry JSON>`: the owner is a uuid the reserving request made up, so only that
 * request completes or releases its reservation (not one that reserved the key after this one's expired).
 */

/** KEYS[1] the key; ARGV[1] the new entry, ARGV[2] its TTL in seconds. Nil when reserved, else the entry there. */
export const RESERVE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  return false
end
return redis.call('GET', KEYS[1])`;

/**
 * KEYS[1] the key; ARGV[1] the reservation exactly as reserved (owner and running entry), ARGV[2] its TTL in
 * seconds. 1 when renewed, 0 when the key holds anything else (nothing, another's reservation, a stored answer).
 */
export const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/**
 * KEYS[1] the key; ARGV[1] the owner, ARGV[2] the entry to store, ARGV[3] its TTL in seconds (0: delete the key).
 * 'owned' when the key was this owner's; 'lapsed' when it held nothing (the entry is stored all the same: nobody
 * else holds the key); 'taken' when it is another request's, which is left as it is.
 */
export const FINISH_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local mark = ARGV[1] .. ' '
if current and string.sub(current, 1, #mark) ~= mark then
  return 'taken'
end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
end
if current then
  return 'owned'
end
return 'lapsed'`;
