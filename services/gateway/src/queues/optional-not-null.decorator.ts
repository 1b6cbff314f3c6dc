import { ValidateIf } from 'class-validator';

/** Like `@IsOptional()`, but only absence is allowed: a null is checked, and refused, by the field's other rules. */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
