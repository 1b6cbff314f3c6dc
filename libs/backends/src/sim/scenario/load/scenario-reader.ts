import { ERROR_CLASS_NAMES } from '../../../backend-job-status';
import type { ErrorMix, HourWindow, Range } from '../scenario.types';
import { ScenarioValidationException } from './scenario-validation.exception';

type Fields = Readonly<Record<string, unknown>>;

/** Ids end up in queue ids and Redis keys: the `queues.id` column allows exactly these characters. */
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Reads untrusted scenario fields; every problem is thrown as a `ScenarioValidationException` naming its path. */
export class ScenarioReader {
  constructor(private readonly source?: string) {}

  fail(path: string, problem: string): never {
    throw new ScenarioValidationException(path === '' ? 'scenario' : path, problem, this.source);
  }

  /** An object with exactly the `required` keys and any of the `optional` ones. */
  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, 'must be an object');
    }
    const fields = value as Fields;
    for (const key of Object.keys(fields)) {
      if (!required.includes(key) && !optional.includes(key)) {
        this.fail(at(path, key), `is not a known field (expected ${[...required, ...optional].join(', ')})`);
      }
    }
    for (const key of required) {
      if (fields[key] === undefined) {
        this.fail(at(path, key), 'is required');
      }
    }
    return fields;
  }

  /** An object whose `kind` picks its fields. */
  kind<TKind extends string>(value: unknown, path: string, kinds: readonly TKind[]): TKind {
    const kind = this.object(value, path, ['kind'], Object.keys(value ?? {})).kind;
    if (typeof kind !== 'string' || !(kinds as readonly string[]).includes(kind)) {
      this.fail(at(path, 'kind'), `must be one of ${kinds.join(', ')}, got ${JSON.stringify(kind)}`);
    }
    return kind as TKind;
  }

  list<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T[] {
    if (!Array.isArray(value)) {
      this.fail(path, 'must be a list');
    }
    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  }

  number(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY, minExclusive = false): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(path, 'must be a finite number');
    }
    if ((minExclusive ? value <= min : value < min) || value > max) {
      const lower = minExclusive ? `(${min}` : `[${min}`;
      this.fail(path, `must be within ${lower},${max === Number.POSITIVE_INFINITY ? '∞)' : `${max}]`}, got ${value}`);
    }
    return value;
  }

  integer(value: unknown, path: string, min: number): number {
    const n = this.number(value, path, min);
    if (!Number.isInteger(n)) {
      this.fail(path, `must be an integer, got ${n}`);
    }
    return n;
  }

  rate(value: unknown, path: string): number {
    return this.number(value, path, 0, 1);
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be true or false');
    }
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, 'must be a non-empty string');
    }
    return value;
  }

  id(value: unknown, path: string): string {
    const id = this.string(value, path);
    if (!ID_PATTERN.test(id)) {
      this.fail(path, `must use only letters, digits, _ and -, got ${JSON.stringify(id)}`);
    }
    return id;
  }

  /** `[min, max]` with `lowest <= min <= max` (`min > lowest` when `minExclusive`). */
  range(value: unknown, path: string, lowest: number, highest = Number.POSITIVE_INFINITY, minExclusive = false): Range {
    if (!Array.isArray(value) || value.length !== 2) {
      this.fail(path, 'must be a list of two numbers [min, max]');
    }
    const min = this.number(value[0], `${path}[0]`, lowest, highest, minExclusive);
    const max = this.number(value[1], `${path}[1]`, lowest, highest, minExclusive);
    if (max < min) {
      this.fail(`${path}[1]`, `must be at least the minimum ${min}`);
    }
    return [min, max];
  }

  errorMix(value: unknown, path: string): ErrorMix {
    const fields = this.object(value, path, [], ERROR_CLASS_NAMES);
    const mix: Partial<Record<(typeof ERROR_CLASS_NAMES)[number], number>> = {};
    for (const errorClass of ERROR_CLASS_NAMES) {
      if (fields[errorClass] !== undefined) {
        mix[errorClass] = this.number(fields[errorClass], at(path, errorClass), 0);
      }
    }
    if (Object.values(mix).reduce((sum, weight) => sum + weight, 0) <= 0) {
      this.fail(path, `needs a positive weight for at least one of ${ERROR_CLASS_NAMES.join(', ')}`);
    }
    return mix;
  }

  /** A window inside `[0, durationHours]`: `fromHour` below the end, `untilHour` after `fromHour`. */
  window(value: unknown, path: string, durationHours: number): HourWindow {
    const fields = this.object(value, path, ['fromHour'], ['untilHour']);
    const fromHour = this.number(fields.fromHour, at(path, 'fromHour'), 0);
    if (fromHour >= durationHours) {
      this.fail(at(path, 'fromHour'), `must be below durationHours (${durationHours}), got ${fromHour}`);
    }
    if (fields.untilHour === undefined) {
      return { fromHour };
    }
    const untilHour = this.number(fields.untilHour, at(path, 'untilHour'), fromHour, durationHours, true);
    return { fromHour, untilHour };
  }
}

/** `path.key`, or `key` at the top. */
export function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
