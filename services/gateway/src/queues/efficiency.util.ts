/** completed / (completed + failed), four decimals; null when no job completed or failed. */
export function efficiency(completed: number, failed: number): number | null {
  const finished = completed + failed;
  if (finished === 0) {
    return null;
  }
  return Math.round((completed * 10_000) / finished) / 10_000;
}
