import type { Backoff, EvidenceWindows, MinExclusionGrowth, Policy } from './policy.types';
import { parseGuards } from './parse-guards.util';
import { parseRule } from './parse-rule.util';
import { PolicyValidationError } from './policy-validation.exception';
import { fieldPath, ValidationContext } from './validation-context';

const POLICY_FIELDS = [
  'name',
  'version',
  'description',
  'enforce',
  'countErrorClasses',
  'evidence',
  'exclude',
  'recover',
  'minExclusion',
  'minExclusionGrowth',
  'backoff',
  'guards',
] as const;

function parseEvidence(c: ValidationContext, value: unknown): EvidenceWindows | undefined {
  const f = c.object(value, 'evidence', ['maxAge', 'perTemplate', 'perQueue']);
  if (!f) {
    return undefined;
  }
  const maxAge = c.duration(f.maxAge, 'evidence.maxAge', true);
  const perTemplate = c.integer(f.perTemplate ?? 10, 'evidence.perTemplate', 1, 1000);
  const perQueue = c.integer(f.perQueue ?? 50, 'evidence.perQueue', 1, 10_000);
  return maxAge && perTemplate && perQueue ? { maxAge, perTemplate, perQueue } : undefined;
}

function parseGrowth(
  c: ValidationContext,
  value: unknown,
  minExclusion: number | undefined,
): MinExclusionGrowth | undefined {
  const f = c.object(value, 'minExclusionGrowth', ['multiplier', 'max']);
  if (!f) {
    return undefined;
  }
  const multiplier = c.number(f.multiplier, 'minExclusionGrowth.multiplier', 1, 100, 'none');
  const max = c.duration(f.max, 'minExclusionGrowth.max', true);
  if (max !== undefined && minExclusion !== undefined && max < minExclusion) {
    return c.add('minExclusionGrowth.max', `must be at least minExclusion (${minExclusion} ms)`);
  }
  return multiplier !== undefined && max !== undefined ? { multiplier, max } : undefined;
}

function parseBackoff(c: ValidationContext, value: unknown): Backoff | undefined {
  if (value === undefined) {
    return { base: 0, multiplier: 1, max: 0, decay: 0 };
  }
  const f = c.object(value, 'backoff', ['base', 'multiplier', 'max', 'decay']);
  if (!f) {
    return undefined;
  }
  const base = c.duration(f.base, 'backoff.base');
  const multiplier = c.number(f.multiplier ?? 1, 'backoff.multiplier', 1, 100, 'none');
  const max = c.duration(f.max ?? f.base, 'backoff.max');
  const decay = c.duration(f.decay ?? 0, 'backoff.decay');
  if (base !== undefined && max !== undefined && max < base) {
    return c.add('backoff.max', `must be at least base (${base} ms)`);
  }
  return base !== undefined && multiplier !== undefined && max !== undefined && decay !== undefined
    ? { base, multiplier, max, decay }
    : undefined;
}

/**
 * Validates a parsed JSON/YAML policy document and returns the policy with defaults filled in and
 * durations in milliseconds. Unknown keys are errors. Throws a `PolicyValidationError` listing every
 * problem, its message naming the first one's field (e.g. `exclude.any[1].failureRate.threshold must be
 * a number in (0, 1]`).
 */
export function parsePolicy(input: unknown): Policy {
  const c = new ValidationContext();
  const f = c.object(input, '', POLICY_FIELDS);
  if (!f) {
    throw new PolicyValidationError(c.problems);
  }
  const name = c.token(f.name, 'name');
  const version = c.integer(f.version, 'version', 1);
  const description =
    f.description === undefined || typeof f.description === 'string'
      ? f.description
      : c.add('description', 'must be a string');
  const enforce = c.boolean(f.enforce, 'enforce');
  const countErrorClasses = c.errorClasses(f.countErrorClasses, 'countErrorClasses');
  const evidence = parseEvidence(c, f.evidence);
  const exclude = f.exclude === undefined ? c.add('exclude', 'is required') : parseRule(c, f.exclude, 'exclude');
  const recover = f.recover === undefined ? c.add('recover', 'is required') : parseRule(c, f.recover, 'recover');
  const minExclusion = c.duration(f.minExclusion ?? 0, 'minExclusion');
  const minExclusionGrowth =
    f.minExclusionGrowth === undefined ? undefined : parseGrowth(c, f.minExclusionGrowth, minExclusion);
  const backoff = parseBackoff(c, f.backoff);
  const guards = parseGuards(c, f.guards, 'guards');
  if (
    c.problems.length > 0 ||
    name === undefined ||
    version === undefined ||
    enforce === undefined ||
    countErrorClasses === undefined ||
    evidence === undefined ||
    exclude === undefined ||
    recover === undefined ||
    minExclusion === undefined ||
    backoff === undefined ||
    guards === undefined
  ) {
    throw new PolicyValidationError(
      c.problems.length > 0 ? c.problems : [{ path: fieldPath('', 'policy'), message: 'is invalid' }],
    );
  }
  return {
    name,
    version,
    ...(typeof description === 'string' ? { description } : {}),
    enforce,
    countErrorClasses,
    evidence,
    exclude,
    recover,
    minExclusion,
    ...(minExclusionGrowth === undefined ? {} : { minExclusionGrowth }),
    backoff,
    guards,
  };
}
