import { INDEX_FAMILIES, type IndexFamily } from './index-family';

/** `YYYY.MM.DD` of `at` in UTC, the date part of a daily index name. */
export function indexDay(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}.${iso.slice(5, 7)}.${iso.slice(8, 10)}`;
}

/** `<prefix>-<family>-YYYY.MM.DD`. */
export function dailyIndexName(prefix: string, family: IndexFamily, day: string): string {
  return `${prefix}-${family}-${day}`;
}

/** The wildcard matching every daily index of a family, e.g. `anvil-logs-*`. */
export function familyPattern(prefix: string, family: IndexFamily): string {
  return `${prefix}-${family}-*`;
}

/** The UTC day (midnight) a daily index name of `prefix` stands for; undefined for any other name. */
export function dailyIndexDate(prefix: string, name: string): Date | undefined {
  if (!name.startsWith(`${prefix}-`)) {
    return undefined;
  }
  const match = /^([a-z]+)-(\d{4})\.(\d{2})\.(\d{2})$/.exec(name.slice(prefix.length + 1));
  if (match === null || !(INDEX_FAMILIES as readonly string[]).includes(match[1])) {
    return undefined;
  }
  const [year, month, day] = [Number(match[2]), Number(match[3]), Number(match[4])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 2024.02.30 and the like, which Date.UTC would roll over.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date
    : undefined;
}
