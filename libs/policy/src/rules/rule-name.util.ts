/** Makes a default rule name token-safe (`label:cloud` → `label-cloud`). */
export function ruleName(explicit: string | undefined, fallback: string): string {
  return explicit ?? fallback.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** Job ids newest first (stable for equal times). */
export function newestFirst(records: readonly { jobId: string; time: number }[]): string[] {
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.time - a.r.time || b.i - a.i)
    .map(({ r }) => r.jobId);
}

/** 0.25 → "25%". */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
