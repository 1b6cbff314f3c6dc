import { ERROR_CLASSES } from '../engine.types';
import type { Breaker, Guards, MaxExcludedPercent } from './policy.types';
import { fieldPath, ValidationContext } from './validation-context';

const BREAKER_FIELDS = [
  'scope',
  'window',
  'openAbovePercent',
  'closeBelowPercent',
  'hold',
  'minQueues',
  'queueMinJobs',
  'queueFailureRate',
  'errorClasses',
] as const;

function parseBreaker(c: ValidationContext, value: unknown, path: string): Breaker | undefined {
  const f = c.object(value, path, BREAKER_FIELDS);
  if (!f) {
    return undefined;
  }
  const at = (key: string): string => fieldPath(path, key);
  const scope = c.scope(f.scope ?? 'global', at('scope'));
  const window = c.duration(f.window, at('window'), true);
  const openAbovePercent = c.number(f.openAbovePercent, at('openAbovePercent'), 0, 100, 'hi');
  const closeBelowPercent = c.number(f.closeBelowPercent, at('closeBelowPercent'), 0, 100, 'hi');
  if (openAbovePercent !== undefined && closeBelowPercent !== undefined && closeBelowPercent > openAbovePercent) {
    c.add(at('closeBelowPercent'), `must not exceed openAbovePercent (${openAbovePercent})`);
  }
  const hold = c.duration(f.hold ?? 0, at('hold'));
  const minQueues = c.integer(f.minQueues, at('minQueues'), 1);
  const queueMinJobs = c.integer(f.queueMinJobs ?? 1, at('queueMinJobs'), 1);
  const queueFailureRate = c.number(f.queueFailureRate ?? 0.5, at('queueFailureRate'), 0, 1, 'lo');
  const errorClasses =
    f.errorClasses === undefined ? [...ERROR_CLASSES] : c.errorClasses(f.errorClasses, at('errorClasses'));
  if (
    scope === undefined ||
    window === undefined ||
    openAbovePercent === undefined ||
    closeBelowPercent === undefined ||
    closeBelowPercent > openAbovePercent ||
    hold === undefined ||
    minQueues === undefined ||
    queueMinJobs === undefined ||
    queueFailureRate === undefined ||
    errorClasses === undefined
  ) {
    return undefined;
  }
  return {
    scope,
    window,
    openAbovePercent,
    closeBelowPercent,
    hold,
    minQueues,
    queueMinJobs,
    queueFailureRate,
    errorClasses,
  };
}

function parseLimits(c: ValidationContext, value: unknown, path: string): MaxExcludedPercent[] | undefined {
  if (!Array.isArray(value)) {
    return c.add(path, 'must be a list of { scope, percent }');
  }
  const limits = value.map((item: unknown, i) => {
    const itemPath = `${path}[${i}]`;
    const f = c.object(item, itemPath, ['scope', 'percent']);
    const scope = f && c.scope(f.scope, fieldPath(itemPath, 'scope'));
    const percent = f && c.number(f.percent, fieldPath(itemPath, 'percent'), 0, 100, 'lo');
    return scope !== undefined && percent !== undefined ? { scope, percent } : undefined;
  });
  return limits.every((l) => l !== undefined) ? limits : undefined;
}

/** `guards` is optional as a whole: no protected list, no percent limit, no breaker. */
export function parseGuards(c: ValidationContext, value: unknown, path: string): Guards | undefined {
  if (value === undefined) {
    return { protectedQueues: [], maxExcludedPercent: [] };
  }
  const f = c.object(value, path, ['protectedQueues', 'maxExcludedPercent', 'breaker']);
  if (!f) {
    return undefined;
  }
  let protectedQueues: string[] | undefined = [];
  if (f.protectedQueues !== undefined) {
    const listPath = fieldPath(path, 'protectedQueues');
    if (Array.isArray(f.protectedQueues)) {
      const ids = f.protectedQueues.map((q: unknown, i) => c.token(q, `${listPath}[${i}]`));
      protectedQueues = ids.every((q) => q !== undefined) ? ids : undefined;
    } else {
      protectedQueues = c.add(listPath, 'must be a list of queue ids');
    }
  }
  const maxExcludedPercent =
    f.maxExcludedPercent === undefined
      ? []
      : parseLimits(c, f.maxExcludedPercent, fieldPath(path, 'maxExcludedPercent'));
  const breaker = f.breaker === undefined ? undefined : parseBreaker(c, f.breaker, fieldPath(path, 'breaker'));
  if (protectedQueues === undefined || maxExcludedPercent === undefined || (f.breaker !== undefined && !breaker)) {
    return undefined;
  }
  return { protectedQueues, maxExcludedPercent, ...(breaker ? { breaker } : {}) };
}
