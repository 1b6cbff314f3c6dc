import type { ValidationError } from 'class-validator';
import type { ApiErrorDetail } from './api-error-detail';

/** `submissionProfile.minQueueDepth`, `queueSelector.queueIds[2]`. */
function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) {
    return `${parent}[${property}]`;
  }
  return parent === '' ? property : `${parent}.${property}`;
}

/** class-validator messages start with the bare property name; the detail names the full path instead. */
function problemText(constraint: string, message: string, property: string): string {
  switch (constraint) {
    case 'whitelistValidation':
      return 'is not an allowed property';
    case 'nestedValidation':
      return 'must be an object';
    default:
      if (message.startsWith(`each value in ${property} `)) {
        return `each value ${message.slice(`each value in ${property} `.length)}`;
      }
      return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
  }
}

/** Flattens class-validator's tree into one detail per broken rule, naming each field by its full path. */
export function validationDetails(errors: readonly ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = childPath(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      problem: problemText(constraint, message, error.property),
    }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}
