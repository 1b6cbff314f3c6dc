import fc from 'fast-check';
import type { Json } from './schema-sample';

/** Keys an object should not accept, or that trip naive code. */
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', '', ' ', 'toString', '$where', 'a.b', '[0]'];
const ODD_STRINGS = ['', ' ', '\u0000', '\ud800', '\u202e', '👩‍👩‍👧', 'null', '1e400', '-0', '<script>', "'; DROP TABLE"];
const ODD_NUMBERS = [-1, 0, -0, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 1, -(2 ** 63)];

/** An array or object nested `depth` levels deep. */
function nested(depth: number, kind: 'array' | 'object'): Json {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) {
    value = kind === 'array' ? [value] : { a: value };
  }
  return value;
}

/** A value that is wrong almost anywhere: another type, huge, deep, odd unicode, null, odd numbers. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...ODD_NUMBERS),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(...ODD_STRINGS),
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => 'é'.repeat(n)),
  fc
    .tuple(fc.integer({ min: 20, max: 1_000 }), fc.constantFrom('array' as const, 'object' as const))
    .map(([d, k]) => nested(d, k)),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 20 }));

export interface Mutation {
  /** Index into the body's paths (modulo their count). */
  at: number;
  kind: 'replace' | 'delete' | 'add';
  value: Json;
  key: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
  value: hostileValue,
  key: hostileKey,
});

/** A copy: fast-check hands out the same instance of a constant, which must not end up inside itself. */
function copy(value: Json): Json {
  // JSON, not structuredClone: the latter overflows the stack on the deeply nested values.
  return JSON.parse(JSON.stringify(value)) as Json;
}

function setOwn(target: Record<string, Json> | Json[], key: string | number, value: Json): void {
  // defineProperty: `target['__proto__'] = v` would set the prototype instead of a key JSON.stringify writes.
  Object.defineProperty(target, key, { value: copy(value), enumerable: true, writable: true, configurable: true });
}

/** `body` with `mutations` applied in order (a fresh copy; paths chosen among the current body's). */
export function mutate(
  body: Json,
  mutations: readonly Mutation[],
  pathsOf: (value: Json) => (string | number)[][],
): Json {
  let result = copy(body);
  for (const m of mutations) {
    const paths = pathsOf(result);
    const path = paths[m.at % paths.length];
    if (path.length === 0) {
      result = m.kind === 'replace' ? copy(m.value) : result;
      if (m.kind === 'add' && result !== null && typeof result === 'object') {
        setOwn(result, Array.isArray(result) ? result.length : m.key, m.value);
      }
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key], result) as
      Record<string, Json> | Json[];
    const last = path[path.length - 1];
    const target = parent[last as never] as Json;
    if (m.kind === 'replace') {
      setOwn(parent, last, m.value);
    } else if (m.kind === 'delete') {
      if (Array.isArray(parent)) {
        parent.splice(Number(last), 1);
      } else {
        delete parent[last];
      }
    } else if (target !== null && typeof target === 'object') {
      setOwn(target, Array.isArray(target) ? target.length : m.key, m.value);
    } else {
      setOwn(parent, Array.isArray(parent) ? parent.length : m.key, m.value);
    }
  }
  return result;
}
