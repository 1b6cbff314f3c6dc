/** Bins a wall-time histogram aims at, at most (one more when the shortest time is not on a bin boundary). */
export const WALL_TIME_MAX_BINS = 30;
/** The narrowest bin, in seconds. */
export const WALL_TIME_MIN_BIN_SECONDS = 0.001;
const MANTISSAS = [1, 2, 2.5, 5, 10] as const;

export interface WallTimeBins {
  /** Lower bound of the first bin: a multiple of the width. */
  lowest: number;
  width: number;
  count: number;
  /** The count + 1 bin edges, `lowest + i × width` without binary noise (0.1 × 3 is 0.30000000000000004). */
  edges: number[];
}

/**
 * Equal bins from the shortest wall time `min` to the longest `max`: the narrowest round width (1, 2, 2.5 or 5 ×
 * 10ⁿ seconds) that covers them in at most 30 bins, starting on a multiple of it (at most 31 bins).
 */
export function wallTimeBins(min: number, max: number): WallTimeBins {
  const wanted = Math.max((max - min) / WALL_TIME_MAX_BINS, WALL_TIME_MIN_BIN_SECONDS);
  const magnitude = 10 ** Math.floor(Math.log10(wanted));
  // Rounded: 0.1 × 2.5 is 0.25000000000000006 in binary floating point.
  const width = roundTo(magnitude * MANTISSAS.find((m) => m * magnitude >= wanted * (1 - 1e-12))!, magnitude);
  const lowest = roundTo(Math.floor(min / width) * width, width);
  const count = Math.floor((max - lowest) / width) + 1;
  const edges = Array.from({ length: count + 1 }, (_, i) => roundTo(lowest + i * width, width));
  return { lowest, width, count, edges };
}

function roundTo(value: number, unit: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(unit)) + 2);
  return Number(value.toFixed(decimals));
}
