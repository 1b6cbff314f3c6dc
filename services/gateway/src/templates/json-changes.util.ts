import type { JsonChange } from './json-change';

type JsonObject = Record<string, unknown>;

/**
 * The leaf-most differences between two JSON documents, in document order with object keys sorted. Objects are
 * compared key by key and arrays item by item (an item inserted at the front shows as every later item changed:
 * a plain, predictable rule). A value whose type changes (object to array, number to string) is one change.
 * An object property that is `undefined` counts as absent, as in JSON.
 */
export function jsonChanges(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...definedKeys(before), ...definedKeys(after)])].sort();
    return keys.flatMap((key) => member(before, after, key, `${path}/${escapePointer(key)}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => i).flatMap((i) => {
      const at = `${path}/${i}`;
      if (i >= after.length) {
        return [{ path: at, change: 'removed' as const, before: before[i] }];
      }
      if (i >= before.length) {
        return [{ path: at, change: 'added' as const, after: after[i] }];
      }
      return jsonChanges(before[i], after[i], at);
    });
  }
  // Scalars by value; containers of different types (an object and an array) always differ.
  return before === after ? [] : [{ path, change: 'changed', before, after }];
}

function member(before: JsonObject, after: JsonObject, key: string, path: string): JsonChange[] {
  const had = before[key] !== undefined;
  const has = after[key] !== undefined;
  if (had && !has) {
    return [{ path, change: 'removed', before: before[key] }];
  }
  if (!had && has) {
    return [{ path, change: 'added', after: after[key] }];
  }
  return jsonChanges(before[key], after[key], path);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedKeys(value: JsonObject): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

/** RFC 6901: `~` → `~0`, `/` → `~1` (env and label keys may hold a `/`). */
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
