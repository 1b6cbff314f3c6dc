/**
 * A `datetime-local` value read as UTC (the app shows UTC everywhere): `2030-01-02T08:00` → `2030-01-02T08:00:00Z`,
 * `…T08:00:30` → `…T08:00:30Z`; anything else (already zoned, or not a date) is sent as typed, for the API to judge.
 */
export function expiryToIso(value: string): string {
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value)) {
    return `${value}:00Z`;
  }
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(value)) {
    return `${value}Z`;
  }
  return value;
}
