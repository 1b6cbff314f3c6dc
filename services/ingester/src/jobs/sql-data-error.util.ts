/**
 * True when Postgres refused the data itself (SQLSTATE class 22 data exception or 23 integrity violation):
 * retrying cannot help, unlike a lost connection or a deadlock.
 */
export function isSqlDataError(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
