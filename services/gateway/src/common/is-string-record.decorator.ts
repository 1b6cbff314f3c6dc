import { ValidateBy, type ValidationOptions } from 'class-validator';

const KEY = /^[A-Za-z0-9_.\-/]{1,128}$/;

/** A flat object of string values (env, labels); keys are short identifiers. */
export function IsStringRecord(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([key, item]) => KEY.test(key) && typeof item === 'string'),
        defaultMessage: () =>
          'must be an object of string values with keys of 1-128 letters, digits, "_", ".", "-" or "/"',
      },
    },
    options,
  );
}
