import type { RequestHandler } from 'express';
import { ApiException } from './api.exception';

/** Deepest nesting of objects and arrays any request body may have (Anvil's own DTOs need fewer than 10). */
export const MAX_BODY_DEPTH = 32;

// A UTF-16 surrogate without its pair: JSON's `\ud800` escape makes one, but it is no Unicode text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `value` nests objects/arrays deeper than `max` levels (iterative: a hostile body cannot blow the stack). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    if (depth > max) {
      return true;
    }
    for (const child of Object.values(current)) {
      pending.push([child, depth + 1]);
    }
  }
  return false;
}

/** Whether any string (value or key) in `value` holds a lone surrogate (iterative, like `nestsDeeperThan`). */
export function holdsLoneSurrogate(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) {
        return true;
      }
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        pending.push(key, child);
      }
    }
  }
  return false;
}

/**
 * Refuses, with a 400 naming `body` and before validation, a parsed body nested deeper than `MAX_BODY_DEPTH`
 * (class-transformer and Nest walk bodies recursively and would run out of stack on a few thousand levels: a 500),
 * or holding a lone surrogate (no valid UTF-8 for PostgreSQL or a protobuf string: a 500 further on).
 */
export function bodyDepthMiddleware(): RequestHandler {
  return (req, _res, next) => {
    if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
      next(
        ApiException.invalidField('body', `must not nest objects or arrays more than ${MAX_BODY_DEPTH} levels deep`),
      );
      return;
    }
    if (holdsLoneSurrogate(req.body)) {
      next(ApiException.invalidField('body', 'must be valid Unicode text: it holds a lone UTF-16 surrogate'));
      return;
    }
    next();
  };
}
