import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueName } from '@anvil/testing';

/**
 * The policy of the decider's tests: simple, stable rules (the presets are tuned for the real traces and
 * change), with a breaker and a percent guard so the engine's global state is exercised too.
 */
export const TEST_POLICY = {
  name: 'decider-test',
  version: 1,
  enforce: true,
  countErrorClasses: ['site'],
  evidence: { maxAge: '24h', perTemplate: 10, perQueue: 40 },
  exclude: { consecutiveFailures: { name: 'three-in-a-row', count: 3 } },
  recover: {
    name: 'recovered',
    all: [
      { consecutiveSuccesses: { count: 4 } },
      { templatesSucceeded: { lastJobs: 1, templates: 'all', incomplete: 'block' } },
    ],
  },
  minExclusion: '20m',
  backoff: { base: '1h', multiplier: 2, max: '12h', decay: '24h' },
  guards: {
    maxExcludedPercent: [{ scope: 'global', percent: 50 }],
    breaker: {
      scope: 'global',
      window: '30m',
      openAbovePercent: 40,
      closeBelowPercent: 10,
      hold: '20m',
      minQueues: 5,
      queueMinJobs: 2,
      queueFailureRate: 0.5,
      errorClasses: ['site', 'central', 'unknown'],
    },
  },
};

/** Writes a policy document to a temporary file and returns its path (for ANVIL_DECIDER_POLICY). */
export function policyFile(document: unknown, ext: 'json' | 'yaml' = 'json'): string {
  const path = join(tmpdir(), `${uniqueName('policy')}.${ext}`);
  writeFileSync(path, JSON.stringify(document, null, 2));
  return path;
}
