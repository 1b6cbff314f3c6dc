import { policyDocument } from '../testing/job-outcome.fixture';
import { parsePolicy } from './parse-policy.util';
import { parsePolicyText } from './parse-policy-text.util';
import { PolicyValidationError } from './policy-validation.exception';

function problemsOf(doc: unknown): { path: string; message: string }[] {
  try {
    parsePolicy(doc);
  } catch (error) {
    if (error instanceof PolicyValidationError) {
      return [...error.problems];
    }
    throw error;
  }
  throw new Error('expected a PolicyValidationError');
}

describe(parsePolicy.name, () => {
  it('fills in defaults and turns durations into milliseconds when the document is minimal', () => {
    const policy = parsePolicy(policyDocument({ minExclusion: '30m' }));
    expect(policy.evidence).toEqual({ maxAge: 14_400_000, perTemplate: 10, perQueue: 50 });
    expect(policy.minExclusion).toBe(1_800_000);
    expect(policy.backoff).toEqual({ base: 0, multiplier: 1, max: 0, decay: 0 });
    expect(policy.guards).toEqual({ protectedQueues: [], maxExcludedPercent: [] });
  });

  it('parses its own JSON to an equal policy when round-tripped', () => {
    const policy = parsePolicy(
      policyDocument({
        exclude: {
          any: [{ sprt: { p0: 0.05, p1: 0.8, alpha: 0.001, baseline: { lastJobs: 20, maxP0: 0.2 }, beta: 0.1 } }],
        },
        guards: { breaker: { window: '30m', openAbovePercent: 40, closeBelowPercent: 10, minQueues: 5 } },
        minExclusionGrowth: { multiplier: 2, max: '4h' },
      }),
    );
    expect(parsePolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
  });

  it('names the rule field inside combinators when a threshold is out of range', () => {
    const doc = policyDocument({
      exclude: { any: [{ consecutiveFailures: { count: 3 } }, { failureRate: { threshold: 1.5, minJobs: 5 } }] },
    });
    expect(() => parsePolicy(doc)).toThrow('exclude.any[1].failureRate.threshold must be a number in (0, 1]');
  });

  it('reports unknown keys at every level', () => {
    const doc = policyDocument({ colour: 'red', evidence: { maxAge: '4h', depth: 3 } });
    expect(problemsOf(doc).map((p) => p.path)).toEqual(['colour', 'evidence.depth']);
  });

  it('lists every problem and counts the others in the message when there are several', () => {
    const doc = policyDocument({ name: 'has space', version: 0, enforce: 'yes' });
    expect(problemsOf(doc)).toEqual([
      { path: 'name', message: 'must be a non-empty string of letters, digits, _ and -' },
      { path: 'version', message: 'must be an integer ≥ 1' },
      { path: 'enforce', message: 'must be true or false' },
    ]);
    expect(() => parsePolicy(doc)).toThrow(
      'name must be a non-empty string of letters, digits, _ and - (and 2 more problems)',
    );
  });

  it('requires exactly one kind per rule node', () => {
    expect(problemsOf(policyDocument({ recover: {} }))[0]).toEqual({
      path: 'recover',
      message: expect.stringContaining('must have exactly one of any, all,'),
    });
    const both = policyDocument({ exclude: { any: [{ consecutiveFailures: { count: 1 }, sprt: {} }] } });
    expect(problemsOf(both)[0]?.path).toBe('exclude.any[0]');
  });

  it('rejects an SPRT whose p1 is not above p0', () => {
    const doc = policyDocument({ exclude: { sprt: { p0: 0.5, p1: 0.2, alpha: 0.01, beta: 0.1 } } });
    expect(problemsOf(doc)).toEqual([{ path: 'exclude.sprt.p1', message: 'must be greater than p0 (0.5)' }]);
  });

  it('names the guard field when the breaker thresholds are inverted or a scope is unknown', () => {
    const doc = policyDocument({
      guards: {
        breaker: { window: '30m', openAbovePercent: 20, closeBelowPercent: 30, minQueues: 5 },
        maxExcludedPercent: [{ scope: 'cloud', percent: 30 }],
      },
    });
    expect(problemsOf(doc).map((p) => `${p.path} ${p.message}`)).toEqual([
      'guards.maxExcludedPercent[0].scope must be "global", "site" or "label:<key>"',
      'guards.breaker.closeBelowPercent must not exceed openAbovePercent (20)',
    ]);
  });

  it('rejects unknown and repeated error classes, naming the item', () => {
    expect(problemsOf(policyDocument({ countErrorClasses: ['site', 'cosmic'] }))[0]).toEqual({
      path: 'countErrorClasses[1]',
      message: 'must be one of "site", "central", "workload", "unknown"',
    });
    expect(problemsOf(policyDocument({ countErrorClasses: ['site', 'site'] }))[0]?.path).toBe('countErrorClasses[1]');
  });

  it('rejects a bad duration and a backoff whose max is below its base', () => {
    expect(problemsOf(policyDocument({ minExclusion: '30 minutes' }))[0]?.path).toBe('minExclusion');
    expect(problemsOf(policyDocument({ backoff: { base: '2h', max: '1h' } }))[0]).toEqual({
      path: 'backoff.max',
      message: 'must be at least base (7200000 ms)',
    });
  });

  it('validates a peersHealthy condition, naming its fields', () => {
    const doc = policyDocument({
      exclude: {
        all: [{ consecutiveFailures: { count: 3 } }, { peersHealthy: { window: '0', maxFailingPercent: 120 } }],
      },
    });
    expect(problemsOf(doc).map((p) => p.path)).toEqual([
      'exclude.all[1].peersHealthy.window',
      'exclude.all[1].peersHealthy.maxFailingPercent',
    ]);
  });

  it('rejects a document that is not an object', () => {
    expect(problemsOf([])).toEqual([{ path: 'policy', message: 'must be an object' }]);
  });
});

describe(parsePolicyText.name, () => {
  it('parses YAML and JSON to the same policy when they say the same', () => {
    const yaml = [
      'name: test-policy',
      'version: 1',
      'enforce: true',
      'countErrorClasses: [site]',
      'evidence: { maxAge: 4h, perTemplate: 10, perQueue: 50 }',
      'exclude:',
      '  consecutiveFailures: { count: 3 }',
      'recover:',
      '  consecutiveSuccesses: { count: 2 }',
    ].join('\n');
    expect(parsePolicyText(yaml, 'yaml')).toEqual(parsePolicyText(JSON.stringify(policyDocument()), 'json'));
  });

  it('reports a syntax error at path policy', () => {
    expect(() => parsePolicyText('{"name":', 'json')).toThrow(/^policy is not valid JSON/);
    expect(() => parsePolicyText('a: [1, 2', 'yaml')).toThrow(PolicyValidationError);
  });
});
