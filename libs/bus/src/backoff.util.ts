/**
 * Delay before the next delivery after delivery number `deliveryCount` (1-based) failed:
 * the matching entry of `backoffMs`, the last one once the list is exhausted, 0 for an empty list.
 */
export function backoffDelay(backoffMs: readonly number[], deliveryCount: number): number {
  if (backoffMs.length === 0) {
    return 0;
  }
  const index = Math.min(Math.max(deliveryCount, 1), backoffMs.length) - 1;
  return backoffMs[index] ?? 0;
}
