const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * A duration in milliseconds from a number (already ms) or a string such as `500ms`, `90s`, `30m`,
 * `4h`, `1d` or `1h30m` (or `0`). Returns undefined when the value is neither (or negative / not finite).
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  }
  if (value === '0') {
    return 0;
  }
  if (typeof value !== 'string' || !DURATION.test(value.trim())) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of value.trim().matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit ?? 'ms'] ?? 1);
  }
  return Math.round(total);
}
