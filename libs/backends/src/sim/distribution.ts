import type { Prng } from './prng.util';

/** A duration distribution in seconds. `lognormal`: `median · e^(sigma·Z)`, capped at `max` when given. */
export type Distribution =
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number; readonly max?: number };

/** Draws one value; always consumes exactly two numbers from `prng`, so later draws do not shift. */
export function sampleDistribution(distribution: Distribution, prng: Prng): number {
  const u1 = prng();
  const u2 = prng();
  switch (distribution.kind) {
    case 'uniform':
      return distribution.min + (distribution.max - distribution.min) * u1;
    case 'lognormal': {
      // Box-Muller; 1 - u1 is in (0, 1], so the log is finite.
      const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      const value = distribution.median * Math.exp(distribution.sigma * z);
      return distribution.max === undefined ? value : Math.min(value, distribution.max);
    }
  }
}
