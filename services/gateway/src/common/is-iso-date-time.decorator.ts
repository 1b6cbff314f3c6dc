import { isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';

// A date, or a date-time with seconds optional and a zone that is required: "2030-01-01T12:00" alone
// would be read in the server's local time.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** An ISO-8601 date (UTC midnight) or date-time with a zone, e.g. `2030-01-01T12:00:00Z`. */
export function IsIsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateTime',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && DATE_TIME.test(value) && isISO8601(value, { strict: true }),
        defaultMessage: () => 'must be an ISO-8601 date-time with a time zone, e.g. 2030-01-01T12:00:00Z',
      },
    },
    options,
  );
}
