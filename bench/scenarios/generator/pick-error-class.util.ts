import { ERROR_CLASSES, type ErrorClass } from '@anvil/policy';
import type { ErrorMix } from '../catalogue/scenario.types';
import type { Prng } from './prng.util';

/** Draws an error class with the mix's weights (`unknown` when the mix is empty). */
export function pickErrorClass(mix: ErrorMix, prng: Prng): ErrorClass {
  const total = ERROR_CLASSES.reduce((sum, errorClass) => sum + (mix[errorClass] ?? 0), 0);
  let draw = prng.next() * total;
  for (const errorClass of ERROR_CLASSES) {
    draw -= mix[errorClass] ?? 0;
    if (draw < 0) {
      return errorClass;
    }
  }
  return 'unknown';
}
