import type { RequestHandler } from 'express';
import { ApiException } from './api.exception';

/** Deepest nesting of objects and arrays any request body may have (Anvil's own DTOs need fewer than 10). */
export const MAX_BODY_DEPTH = 32;

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

/**
 * Refuses a parsed body nested deeper than `MAX_BODY_DEPTH` with a 400 naming `body`, before validation: class-transformer
 * and Nest walk bodies recursively and would run out of stack on a few thousand levels (a 500).
 */
export function bodyDepthMiddleware(): RequestHandler {
  return (req, _res, next) => {
    if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) {
      next(
        ApiException.invalidField('body', `must not nest objects or arrays more than ${MAX_BODY_DEPTH} levels deep`),
      );
      return;
    }
    next();
  };
}
