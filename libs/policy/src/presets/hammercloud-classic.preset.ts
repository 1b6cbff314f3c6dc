/**
 * HammerCloud's published ATLAS auto-exclusion rules (ARCHITECTURE.md section 6), as a policy document:
 * exclude if any of LastOneFromThree, LastThreeFromOne, LastTwoPlusOne over the results of the last 4 h
 * (a template with too few results is skipped); recover when no exclude rule fires and every template's
 * last 2 results completed; no re-exclusion within 6 h. Every failure counts whatever its class; no
 * outage breaker, no percent guard.
 */
export const HAMMERCLOUD_CLASSIC_PRESET = {
  name: 'hammercloud-classic',
  version: 1,
  description: "HammerCloud's ATLAS exclusion rules: LastOneFromThree, LastThreeFromOne, LastTwoPlusOne over 4 h",
  enforce: true,
  countErrorClasses: ['site', 'central', 'workload', 'unknown'],
  evidence: { maxAge: '4h', perTemplate: 10, perQueue: 50 },
  exclude: {
    any: [
      { templatesFailed: { name: 'last-one-from-three', templates: 3, lastJobs: 1 } },
      { templatesFailed: { name: 'last-three-from-one', templates: 1, lastJobs: 3 } },
      {
        name: 'last-two-plus-one',
        any: [
          { templatesFailed: { templates: 2, lastJobs: 2 } },
          {
            all: [
              { templatesFailed: { templates: 1, lastJobs: 2 } },
              { templatesFailed: { templates: 2, lastJobs: 1 } },
            ],
          },
        ],
      },
    ],
  },
  recover: { templatesSucceeded: { name: 'last-two-completed', lastJobs: 2, templates: 'all', incomplete: 'skip' } },
  minExclusion: 0,
  backoff: { base: '6h', multiplier: 1, max: '6h', decay: 0 },
} as const;
