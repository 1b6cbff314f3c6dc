import { ValidateBy, type ValidationOptions } from 'class-validator';
import { LABEL_FILTER_PATTERN } from './label-filter.util';

/** Most `label` filters in one query. */
export const MAX_LABEL_FILTERS = 20;

/** Why a list of `key=value` label filters is refused, or undefined when it is fine. */
export function labelFilterProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length > MAX_LABEL_FILTERS) {
    return `must be at most ${MAX_LABEL_FILTERS} filters key=value`;
  }
  const keys = new Set<string>();
  for (const item of value) {
    if (typeof item !== 'string' || !LABEL_FILTER_PATTERN.test(item)) {
      return 'must be key=value, the key of 1-128 letters, digits, "_", ".", "-" or "/", the value at most 256 characters';
    }
    const key = item.slice(0, item.indexOf('='));
    if (keys.has(key)) {
      return `repeats the key ${key}: a queue has one value per label`;
    }
    keys.add(key);
  }
  return undefined;
}

/** `label=key=value`, repeatable: every filter well formed, no key twice. */
export function IsLabelFilter(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLabelFilter',
      validator: {
        validate: (value: unknown) => labelFilterProblem(value) === undefined,
        defaultMessage: (args) => labelFilterProblem(args?.value) ?? 'is invalid',
      },
    },
    options,
  );
}
