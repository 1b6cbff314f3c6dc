/** failed / (completed + failed) × 100 rounded to one decimal; null when no job finished either way. */
export function failPercent(completed: number, failed: number): number | null {
  const finished = completed + failed;
  if (finished === 0) {
    return null;
  }
  // Integer tenths first, so that 1/3 gives 33.3 and not 33.33333.
  return Math.round((failed * 1000) / finished) / 10;
}
