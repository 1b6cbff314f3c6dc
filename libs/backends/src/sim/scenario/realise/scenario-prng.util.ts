/** A seeded pseudo-random source: `next()` in [0, 1), plus the draws the generator needs. */
export interface ScenarioPrng {
  next(): number;
  /** Uniform in `[min, max)`. */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** mulberry32: small, fast and good enough for simulation; the same seed gives the same sequence. */
export function createScenarioPrng(seed: number): ScenarioPrng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    chance: (p) => next() < p,
  };
}
