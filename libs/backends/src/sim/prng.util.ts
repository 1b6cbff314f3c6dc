/** A source of uniform numbers in [0, 1). */
export type Prng = () => number;

// cyrb128: a fast 128-bit string hash, used only to seed sfc32 (not for security).
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * A seeded PRNG (sfc32 seeded by a hash of `parts`): the same parts always give the same sequence,
 * so simulated outcomes replay exactly.
 */
export function createPrng(...parts: readonly (string | number)[]): Prng {
  let [a, b, c, d] = hash128(parts.join('\u0000'));
  const next: Prng = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 mixes its state over a few rounds.
  for (let i = 0; i < 12; i++) {
    next();
  }
  return next;
}

/** A uniform pick from a non-empty list. */
export function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[Math.min(items.length - 1, Math.floor(prng() * items.length))];
}

/** A uniform number in [min, max). */
export function between(prng: Prng, min: number, max: number): number {
  return min + (max - min) * prng();
}
