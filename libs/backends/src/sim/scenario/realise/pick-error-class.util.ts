import { ERROR_CLASS_NAMES, type ErrorClassName } from '../../../backend-job-status';
import type { ErrorMix } from '../scenario.types';
import type { ScenarioPrng } from './scenario-prng.util';

/** Draws an error class with the mix's weights (`unknown` when the mix is empty). */
export function pickErrorClass(mix: ErrorMix, prng: ScenarioPrng): ErrorClassName {
  const total = ERROR_CLASS_NAMES.reduce((sum, errorClass) => sum + (mix[errorClass] ?? 0), 0);
  let draw = prng.next() * total;
  for (const errorClass of ERROR_CLASS_NAMES) {
    draw -= mix[errorClass] ?? 0;
    if (draw < 0) {
      return errorClass;
    }
  }
  return 'unknown';
}
