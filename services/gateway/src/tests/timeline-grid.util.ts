/** Bucket widths a timeline may use, in seconds: round ones, each at most twice the one before. */
export const TIMELINE_STEPS_SECONDS = [
  1, 2, 3, 5, 10, 15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800,
  345_600, 604_800,
] as const;
/** Buckets a timeline aims at, at most (one more when its start is not on a bucket boundary). */
export const TIMELINE_MAX_BUCKETS = 120;
/** A timeline spans at least this long, so a test that just started still gets a readable grid. */
export const TIMELINE_MIN_SPAN_MS = 60_000;

export interface TimelineGrid {
  /** Start of the first bucket: a multiple of the width since the epoch (UTC). */
  fromMs: number;
  stepSeconds: number;
  count: number;
}

/**
 * The buckets of a timeline from `startMs` to `endMs`: the narrowest width of `TIMELINE_STEPS_SECONDS` (at least
 * `minStepSeconds`) that covers the span in at most 120 buckets — 60 to 121 buckets for a span of a minute to
 * two years, aligned on multiples of the width.
 */
export function timelineGrid(startMs: number, endMs: number, minStepSeconds = 1): TimelineGrid {
  const spanMs = Math.max(endMs - startMs, TIMELINE_MIN_SPAN_MS);
  const stepSeconds =
    TIMELINE_STEPS_SECONDS.find(
      (step) => step >= minStepSeconds && Math.ceil(spanMs / (step * 1000)) <= TIMELINE_MAX_BUCKETS,
    ) ?? TIMELINE_STEPS_SECONDS[TIMELINE_STEPS_SECONDS.length - 1];
  const stepMs = stepSeconds * 1000;
  const fromMs = Math.floor(startMs / stepMs) * stepMs;
  return { fromMs, stepSeconds, count: Math.max(1, Math.ceil((startMs + spanMs - fromMs) / stepMs)) };
}
