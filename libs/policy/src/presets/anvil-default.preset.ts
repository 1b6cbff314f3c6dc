/** A clean record: at most 3% of the queue's last 150 counted results failed (at least 60 of them). */
const CLEAN_RECORD = { lastJobs: 150, minJobs: 60, maxFailureRate: 0.03, skipRecent: 20 };

/** HammerCloud's three rules, each only for a queue with a clean record, counting `classes` when given. */
function hammercloudOnCleanRecord(classes?: readonly string[]): readonly Record<string, unknown>[] {
  const failed = (templates: number, lastJobs: number, name?: string): Record<string, unknown> => ({
    templatesFailed: {
      ...(name === undefined ? {} : { name }),
      templates,
      lastJobs,
      baseline: CLEAN_RECORD,
      ...(classes === undefined ? {} : { errorClasses: classes }),
    },
  });
  return [
    failed(3, 1, 'last-one-from-three-clean'),
    failed(1, 3, 'last-three-from-one-clean'),
    { name: 'last-two-plus-one-clean', any: [failed(2, 2), { all: [failed(1, 2), failed(2, 1)] }] },
  ];
}

/**
 * Anvil's default policy (the reasoning is in docs/policy.md, "The presets"):
 * - only `site` failures count against a queue; `unknown` ones count only where the queue stands out
 *   from its peers (a central outage shows as `unknown` on many queues at once);
 * - HammerCloud's three rules, but only on queues with a clean record: they fire after 3 failures, as
 *   fast as HammerCloud, and their false-alarm rate (about p³ per job for a queue failing a share p of
 *   its jobs) is negligible only for small p; a copy counting `unknown` failures as well applies while
 *   the other queues are healthy (at most 10% of them failed in the last 10 min);
 * - everywhere else two SPRTs: a fast one whose p0 is the queue's own recent failure share (so a queue
 *   that always fails 10% of its jobs needs 6 failures in a row), and a slow one for degradation
 *   (H0 p=10%, H1 p=50%, α=1e-6: 10% random failures drift away from its bound and never reach it);
 * - the mass-failure breaker freezes exclusions during a central outage and undoes the exclusions of
 *   its incident window when it closes;
 * - recovery: 4 counted results in a row completed and every template's latest result completed.
 */
export const ANVIL_DEFAULT_PRESET = {
  name: 'anvil-default',
  version: 1,
  description: 'HammerCloud rules on clean queues, SPRTs elsewhere, site errors only, outage breaker',
  enforce: true,
  countErrorClasses: ['site'],
  evidence: { maxAge: '48h', perTemplate: 20, perQueue: 200 },
  exclude: {
    any: [
      ...hammercloudOnCleanRecord(),
      {
        // `unknown` failures count too while at most 10% of the other queues failed in the last 10 min.
        all: [
          { any: hammercloudOnCleanRecord(['site', 'unknown']) },
          {
            peersHealthy: {
              scope: 'global',
              window: '10m',
              maxFailingPercent: 10,
              minPeers: 10,
              errorClasses: ['site', 'central', 'unknown'],
            },
          },
        ],
      },
      {
        sprt: {
          name: 'sprt-black-hole',
          p0: 0.02,
          p1: 0.9,
          alpha: 0.00001,
          beta: 0.05,
          lastJobs: 6,
          baseline: { lastJobs: 40, minJobs: 3, maxP0: 0.2 },
        },
      },
      { sprt: { name: 'sprt-degraded', p0: 0.1, p1: 0.5, alpha: 0.000001, beta: 0.05, lastJobs: 40 } },
      {
        peerOutlier: {
          name: 'peer-outlier',
          errorClasses: ['site', 'unknown'],
          scope: 'global',
          k: 4,
          minGap: 0.75,
          minJobs: 10,
          minPeers: 5,
          lastJobs: 12,
          window: '3h',
        },
      },
    ],
  },
  recover: {
    name: 'recovered',
    all: [
      { consecutiveSuccesses: { count: 4 } },
      { templatesSucceeded: { lastJobs: 1, templates: 'all', incomplete: 'block' } },
    ],
  },
  minExclusion: '90m',
  backoff: { base: '15m', multiplier: 2, max: '2h', decay: '24h' },
  guards: {
    maxExcludedPercent: [{ scope: 'global', percent: 50 }],
    breaker: {
      scope: 'global',
      window: '30m',
      openAbovePercent: 30,
      closeBelowPercent: 10,
      hold: '20m',
      minQueues: 10,
      queueMinJobs: 2,
      queueFailureRate: 0.5,
      errorClasses: ['site', 'central', 'unknown'],
    },
  },
};
