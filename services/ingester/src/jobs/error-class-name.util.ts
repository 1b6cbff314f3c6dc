import { ErrorClass } from '@anvil/contracts';
import type { ErrorClassName } from '@anvil/db';

/** `jobs.error_class` for a protobuf `ErrorClass`; null when the producer did not classify the error. */
export function errorClassName(errorClass: ErrorClass): ErrorClassName | null {
  switch (errorClass) {
    case ErrorClass.SITE:
      return 'site';
    case ErrorClass.CENTRAL:
      return 'central';
    case ErrorClass.WORKLOAD:
      return 'workload';
    case ErrorClass.UNKNOWN:
      return 'unknown';
    case ErrorClass.UNSPECIFIED:
      return null;
  }
}
