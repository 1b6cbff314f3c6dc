const DAY_MS = 24 * 3600 * 1000;

/** The last `days` UTC days up to and including today's: their dates (`YYYY-MM-DD`), oldest first. */
export function historyWindow(days: number, now: Date = new Date()): string[] {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}
