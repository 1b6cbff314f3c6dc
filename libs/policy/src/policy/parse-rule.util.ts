import type { ErrorClass } from '../engine.types';
import { RULE_KINDS, type RuleKind, type RuleNode, type SprtRule, type TemplatesFailedRule } from './policy.types';
import { fieldPath, type Fields, ValidationContext } from './validation-context';

const LEAF_COMMON = ['name', 'errorClasses'] as const;

function common(c: ValidationContext, f: Fields, path: string): { name?: string; errorClasses?: ErrorClass[] } {
  const name = f.name === undefined ? undefined : c.token(f.name, fieldPath(path, 'name'));
  const errorClasses =
    f.errorClasses === undefined ? undefined : c.errorClasses(f.errorClasses, fieldPath(path, 'errorClasses'));
  return { ...(name === undefined ? {} : { name }), ...(errorClasses === undefined ? {} : { errorClasses }) };
}

function optional<T>(value: unknown, read: (v: unknown) => T | undefined): T | undefined {
  return value === undefined ? undefined : read(value);
}

/** Drops undefined members so a parsed policy equals its own JSON round trip. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

type LeafParser = (c: ValidationContext, value: unknown, path: string) => RuleNode | undefined;

const LEAVES: Readonly<Record<Exclude<RuleKind, 'any' | 'all'>, LeafParser>> = {
  templatesFailed: (c, value, path) => {
    const f = c.object(value, path, [...LEAF_COMMON, 'templates', 'lastJobs', 'baseline']);
    if (!f) {
      return undefined;
    }
    const templates = c.integer(f.templates, fieldPath(path, 'templates'), 1);
    const lastJobs = c.integer(f.lastJobs, fieldPath(path, 'lastJobs'), 1);
    let baseline: TemplatesFailedRule['baseline'];
    if (f.baseline !== undefined) {
      const bPath = fieldPath(path, 'baseline');
      const b = c.object(f.baseline, bPath, ['lastJobs', 'minJobs', 'maxFailureRate', 'skipRecent']);
      const bJobs = b && c.integer(b.lastJobs, fieldPath(bPath, 'lastJobs'), 1);
      const minJobs =
        b && c.integer(b.minJobs ?? bJobs ?? 1, fieldPath(bPath, 'minJobs'), 1, bJobs ?? Number.MAX_SAFE_INTEGER);
      const maxFailureRate = b && c.number(b.maxFailureRate, fieldPath(bPath, 'maxFailureRate'), 0, 1, 'hi');
      const skipRecent = b && c.integer(b.skipRecent ?? 0, fieldPath(bPath, 'skipRecent'), 0);
      baseline =
        bJobs && minJobs && maxFailureRate !== undefined && skipRecent !== undefined
          ? { lastJobs: bJobs, minJobs, maxFailureRate, skipRecent }
          : undefined;
    }
    return templates && lastJobs && (f.baseline === undefined || baseline)
      ? { templatesFailed: defined({ ...common(c, f, path), templates, lastJobs, baseline }) }
      : undefined;
  },
  templatesSucceeded: (c, value, path) => {
    const f = c.object(value, path, [...LEAF_COMMON, 'templates', 'lastJobs', 'incomplete']);
    if (!f) {
      return undefined;
    }
    const lastJobs = c.integer(f.lastJobs, fieldPath(path, 'lastJobs'), 1);
    const templates =
      f.templates === undefined || f.templates === 'all'
        ? 'all'
        : (c.integer(f.templates, fieldPath(path, 'templates'), 1) ??
          c.add(fieldPath(path, 'templates'), 'may also be "all"'));
    const incomplete =
      f.incomplete === undefined
        ? 'skip'
        : c.oneOf(f.incomplete, fieldPath(path, 'incomplete'), ['skip', 'block'] as const);
    return lastJobs && templates && incomplete
      ? { templatesSucceeded: defined({ ...common(c, f, path), lastJobs, templates, incomplete }) }
      : undefined;
  },
  consecutiveFailures: (c, value, path) => {
    const f = c.object(value, path, [...LEAF_COMMON, 'count']);
    const count = f && c.integer(f.count, fieldPath(path, 'count'), 1);
    return f && count ? { consecutiveFailures: defined({ ...common(c, f, path), count }) } : undefined;
  },
  consecutiveSuccesses: (c, value, path) => {
    const f = c.object(value, path, [...LEAF_COMMON, 'count']);
    const count = f && c.integer(f.count, fieldPath(path, 'count'), 1);
    return f && count ? { consecutiveSuccesses: defined({ ...common(c, f, path), count }) } : undefined;
  },
  failureRate: (c, value, path) => {
    const f = c.object(value, path, [...LEAF_COMMON, 'threshold', 'direction', 'minJobs', 'window', 'lastJobs']);
    if (!f) {
      return undefined;
    }
    const threshold = c.number(f.threshold, fieldPath(path, 'threshold'), 0, 1, 'lo');
    const direction =
      f.direction === undefined
        ? 'above'
        : c.oneOf(f.direction, fieldPath(path, 'direction'), ['above', 'below'] as const);
    const minJobs = c.integer(f.minJobs, fieldPath(path, 'minJobs'), 1);
    const window = optional(f.window, (v) => c.duration(v, fieldPath(path, 'window'), true));
    const lastJobs = optional(f.lastJobs, (v) => c.integer(v, fieldPath(path, 'lastJobs'), 1));
    const ok =
      threshold !== undefined &&
      direction &&
      minJobs &&
      (f.window === undefined || window) &&
      (f.lastJobs === undefined || lastJobs);
    return ok
      ? { failureRate: defined({ ...common(c, f, path), threshold, direction, minJobs, window, lastJobs }) }
      : undefined;
  },
  sprt: (c, value, path) => {
    const f = c.object(value, path, [...LEAF_COMMON, 'p0', 'p1', 'alpha', 'beta', 'lastJobs', 'baseline']);
    if (!f) {
      return undefined;
    }
    const p0 = c.number(f.p0, fieldPath(path, 'p0'), 0, 1, 'both');
    const p1 = c.number(f.p1, fieldPath(path, 'p1'), 0, 1, 'both');
    if (p0 !== undefined && p1 !== undefined && p1 <= p0) {
      c.add(fieldPath(path, 'p1'), `must be greater than p0 (${p0})`);
    }
    const alpha = c.number(f.alpha, fieldPath(path, 'alpha'), 0, 0.5, 'lo');
    const beta = c.number(f.beta, fieldPath(path, 'beta'), 0, 0.5, 'lo');
    const lastJobs = optional(f.lastJobs, (v) => c.integer(v, fieldPath(path, 'lastJobs'), 1));
    let baseline: SprtRule['baseline'];
    if (f.baseline !== undefined) {
      const bPath = fieldPath(path, 'baseline');
      const b = c.object(f.baseline, bPath, ['lastJobs', 'minJobs', 'maxP0']);
      const bJobs = b && c.integer(b.lastJobs, fieldPath(bPath, 'lastJobs'), 1);
      const minJobs = b && c.integer(b.minJobs ?? 0, fieldPath(bPath, 'minJobs'), 0, bJobs ?? Number.MAX_SAFE_INTEGER);
      const maxP0 = b && c.number(b.maxP0, fieldPath(bPath, 'maxP0'), 0, 1, 'both');
      if (p0 !== undefined && maxP0 !== undefined && maxP0 < p0) {
        c.add(fieldPath(bPath, 'maxP0'), `must be at least p0 (${p0})`);
      }
      if (p1 !== undefined && maxP0 !== undefined && maxP0 >= p1) {
        c.add(fieldPath(bPath, 'maxP0'), `must be less than p1 (${p1})`);
      }
      baseline =
        bJobs && minJobs !== undefined && maxP0 !== undefined ? { lastJobs: bJobs, minJobs, maxP0 } : undefined;
    }
    const ok =
      p0 !== undefined &&
      p1 !== undefined &&
      p1 > p0 &&
      alpha &&
      beta &&
      (f.lastJobs === undefined || lastJobs) &&
      (f.baseline === undefined || baseline);
    return ok ? { sprt: defined({ ...common(c, f, path), p0, p1, alpha, beta, lastJobs, baseline }) } : undefined;
  },
  peerOutlier: (c, value, path) => {
    const f = c.object(value, path, [
      ...LEAF_COMMON,
      'scope',
      'k',
      'minGap',
      'minJobs',
      'minPeers',
      'window',
      'lastJobs',
    ]);
    if (!f) {
      return undefined;
    }
    const scope = c.scope(f.scope ?? 'global', fieldPath(path, 'scope'));
    const k = c.number(f.k, fieldPath(path, 'k'), 0, Number.POSITIVE_INFINITY, 'lo');
    const minGap = c.number(f.minGap, fieldPath(path, 'minGap'), 0, 1, 'both');
    const minJobs = c.integer(f.minJobs, fieldPath(path, 'minJobs'), 1);
    const minPeers = c.integer(f.minPeers, fieldPath(path, 'minPeers'), 1);
    const window = optional(f.window, (v) => c.duration(v, fieldPath(path, 'window'), true));
    const lastJobs = optional(f.lastJobs, (v) => c.integer(v, fieldPath(path, 'lastJobs'), 1));
    const ok =
      scope &&
      k &&
      minGap &&
      minJobs &&
      minPeers &&
      (f.window === undefined || window) &&
      (f.lastJobs === undefined || lastJobs);
    return ok
      ? { peerOutlier: defined({ ...common(c, f, path), scope, k, minGap, minJobs, minPeers, window, lastJobs }) }
      : undefined;
  },
  peersHealthy: (c, value, path) => {
    const f = c.object(value, path, [...LEAF_COMMON, 'scope', 'window', 'maxFailingPercent', 'minPeers']);
    if (!f) {
      return undefined;
    }
    const scope = c.scope(f.scope ?? 'global', fieldPath(path, 'scope'));
    const window = c.duration(f.window, fieldPath(path, 'window'), true);
    const maxFailingPercent = c.number(f.maxFailingPercent, fieldPath(path, 'maxFailingPercent'), 0, 100, 'hi');
    const minPeers = c.integer(f.minPeers ?? 1, fieldPath(path, 'minPeers'), 1);
    return scope && window && maxFailingPercent !== undefined && minPeers
      ? { peersHealthy: defined({ ...common(c, f, path), scope, window, maxFailingPercent, minPeers }) }
      : undefined;
  },
};

/**
 * A rule node is an object with exactly one kind key (`any`, `all`, or a rule kind), plus an optional
 * `name` beside `any`/`all`. Leaves carry their own `name` and `errorClasses` inside.
 */
export function parseRule(c: ValidationContext, value: unknown, path: string): RuleNode | undefined {
  const f = c.object(value, path, [...RULE_KINDS, 'name']);
  if (!f) {
    return undefined;
  }
  const kinds = RULE_KINDS.filter((k) => f[k] !== undefined);
  if (kinds.length !== 1) {
    return c.add(
      path,
      `must have exactly one of ${RULE_KINDS.join(', ')} (found ${kinds.length === 0 ? 'none' : kinds.join(', ')})`,
    );
  }
  const kind = kinds[0];
  if (kind !== 'any' && kind !== 'all') {
    if (f.name !== undefined) {
      return c.add(fieldPath(path, 'name'), `belongs inside ${kind} for a rule`);
    }
    return LEAVES[kind](c, f[kind], fieldPath(path, kind));
  }
  const list = f[kind];
  const listPath = fieldPath(path, kind);
  if (!Array.isArray(list) || list.length === 0) {
    return c.add(listPath, 'must be a non-empty list of rules');
  }
  const children = list.map((child: unknown, i) => parseRule(c, child, `${listPath}[${i}]`));
  const name = f.name === undefined ? undefined : c.token(f.name, fieldPath(path, 'name'));
  if (children.some((ch) => ch === undefined) || (f.name !== undefined && name === undefined)) {
    return undefined;
  }
  const rules = children as RuleNode[];
  const named = name === undefined ? {} : { name };
  return kind === 'any' ? { ...named, any: rules } : { ...named, all: rules };
}
