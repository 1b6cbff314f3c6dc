/**
 * A 32-bit seed for one independent random stream, from the run's seed and names (FNV-1a, then a
 * final mix). Each queue/template gets its own stream, so adding a queue leaves the others' jobs as
 * they were.
 */
export function streamSeed(seed: number, ...names: readonly string[]): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of names.join('\u0000')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash >>> 0;
}
