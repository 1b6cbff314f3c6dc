const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its canonical text form (what a Postgres `uuid` column accepts): test and job ids. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
