import type { BrokenInterval } from './ground-truth.types';

/** Sorts broken intervals and merges overlapping or touching ones (the earlier one names the cause). */
export function mergeIntervals(intervals: readonly BrokenInterval[]): BrokenInterval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const merged: BrokenInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && interval.from <= last.until) {
      const until = Math.max(last.until, interval.until);
      const repaired = until === last.until ? last.repaired : interval.repaired;
      merged[merged.length - 1] = { ...last, until, repaired, evidenceUntil: until };
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}
