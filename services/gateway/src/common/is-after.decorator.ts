import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** A date-time string later than the (valid) date-time in `property`; passes when `property` is absent. */
export function IsAfter(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAfter',
      constraints: [property],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          if (typeof other !== 'string' || typeof value !== 'string') {
            return true;
          }
          const before = Date.parse(other);
          return Number.isNaN(before) || Date.parse(value) > before;
        },
        defaultMessage: () => `must be later than ${property}`,
      },
    },
    options,
  );
}
