import { ERROR_CLASSES, type ErrorClass } from '../engine.types';
import { parseDuration } from './parse-duration.util';
import type { PolicyProblem } from './policy-validation.exception';

export type Fields = Readonly<Record<string, unknown>>;

/** `a.b`, or `b` at the root. */
export function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

const TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * Collects every problem of a document (with the path of its field) instead of stopping at the first,
 * so an operator fixes a policy in one round. Each reader returns undefined when the value is wrong.
 */
export class ValidationContext {
  readonly problems: PolicyProblem[] = [];

  add(path: string, message: string): undefined {
    this.problems.push({ path: path === '' ? 'policy' : path, message });
    return undefined;
  }

  /** An object whose keys are all in `known` (unknown keys are problems too). */
  object(value: unknown, path: string, known: readonly string[]): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.add(path, 'must be an object');
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.add(fieldPath(path, key), `is not a known field (known: ${known.join(', ')})`);
      }
    }
    return value as Fields;
  }

  integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
      return this.add(path, `must be an integer ${range}`);
    }
    return value;
  }

  /** A finite number in the interval lo..hi; `open` marks which ends are excluded. */
  number(
    value: unknown,
    path: string,
    lo: number,
    hi: number,
    open: 'lo' | 'hi' | 'both' | 'none',
  ): number | undefined {
    const loOpen = open === 'lo' || open === 'both';
    const hiOpen = open === 'hi' || open === 'both';
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (loOpen ? value > lo : value >= lo) &&
      (hiOpen ? value < hi : value <= hi);
    if (!ok) {
      const range =
        hi === Number.POSITIVE_INFINITY
          ? `${loOpen ? '>' : '≥'} ${lo}`
          : `in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}`;
      return this.add(path, `must be a number ${range}`);
    }
    return value;
  }

  duration(value: unknown, path: string, positive = false): number | undefined {
    const ms = parseDuration(value);
    if (ms === undefined || (positive && ms === 0)) {
      return this.add(
        path,
        `must be a ${positive ? 'positive ' : ''}duration (milliseconds, or e.g. 90s, 30m, 4h, 1h30m)`,
      );
    }
    return ms;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    return typeof value === 'boolean' ? value : this.add(path, 'must be true or false');
  }

  token(value: unknown, path: string): string | undefined {
    return typeof value === 'string' && TOKEN.test(value)
      ? value
      : this.add(path, 'must be a non-empty string of letters, digits, _ and -');
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | undefined {
    return typeof value === 'string' && (options as readonly string[]).includes(value)
      ? (value as T)
      : this.add(path, `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
  }

  errorClasses(value: unknown, path: string): ErrorClass[] | undefined {
    if (!Array.isArray(value) || value.length === 0) {
      return this.add(path, `must be a non-empty list of ${ERROR_CLASSES.join(', ')}`);
    }
    const classes: ErrorClass[] = [];
    value.forEach((item: unknown, i) => {
      const c = this.oneOf(item, `${path}[${i}]`, ERROR_CLASSES);
      if (c !== undefined && classes.includes(c)) {
        this.add(`${path}[${i}]`, `repeats ${c}`);
      } else if (c !== undefined) {
        classes.push(c);
      }
    });
    return classes.length === value.length ? classes : undefined;
  }

  /** `global`, `site` or `label:<key>`. */
  scope(value: unknown, path: string): string | undefined {
    if (
      value === 'global' ||
      value === 'site' ||
      (typeof value === 'string' && /^label:[A-Za-z0-9_./-]+$/.test(value))
    ) {
      return value;
    }
    return this.add(path, 'must be "global", "site" or "label:<key>"');
  }
}
