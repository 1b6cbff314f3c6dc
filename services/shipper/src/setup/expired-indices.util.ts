import { dailyIndexDate } from './daily-index.util';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The daily indices of `prefix` among `names` that are past retention: an index is kept for the day it is named
 * after and `retentionDays` whole days more (UTC), then deleted. Names of other prefixes or shapes are never chosen.
 */
export function expiredIndices(prefix: string, names: readonly string[], retentionDays: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const oldestKept = today - retentionDays * DAY_MS;
  return names.filter((name) => {
    const day = dailyIndexDate(prefix, name);
    return day !== undefined && day.getTime() < oldestKept;
  });
}
