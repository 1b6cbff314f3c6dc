/** Exponential backoff: `initialMs` after the first failure, doubling up to `maxMs`. `failures` counts from 1. */
export function retryDelay(failures: number, initialMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(maxMs, initialMs * 2 ** exponent);
}
