import type { ScoreFigures } from '../scoring/score-figures.types';

/** One line per figure: what it counts (the bench prints these beside the numbers). */
export const FIGURE_MEANINGS: Readonly<Record<keyof ScoreFigures, string>> = {
  exclusions: 'enforced exclusions started',
  falseExclusions: 'exclusions of a queue not broken at that moment (lower is better)',
  flakyExclusions: '... of which of a 10%-flaky (healthy) queue (must be 0)',
  centralOutageExclusions: '... of which during a central outage (must be 0)',
  brokenIntervals: 'truly broken intervals in the ground truth',
  missedBrokenIntervals: 'broken intervals never excluded (lower is better)',
  medianDetectionJobs: 'median jobs of the queue from the break to the exclusion',
  medianDetectionMinutes: 'median minutes from the break to the exclusion',
  medianRecoveryMinutes: 'median minutes from the repair to the recovery',
  medianRecoverySuccessfulJobsPerTemplate: 'median successes every golden template had before recovery',
  maxRecoverySuccessfulJobsPerTemplate: 'worst successes every golden template had before recovery (<= 3)',
  maxRecoveryBusiestTemplateSuccesses:
    'worst successes of the busiest golden template before recovery (strict reading)',
  unrecoveredRepairs: 'repaired queues still excluded at the end',
  prematureRecoveries: 'recoveries while the queue was still broken',
  flaps: "exclusions within 24 h of the same queue's recovery",
  flapsPerDay: 'flaps per scenario day (whole grid)',
  flapsPerQueueDay: 'flaps per queue-day',
  outagesOpened: 'outages opened by the mass-failure breaker',
  outagesOutsideCentralOutages: '... of which outside a central outage',
  healthyExcludedHours: 'hours healthy queues spent excluded (incl. recovery delay)',
  brokenNotExcludedHours: 'hours broken queues spent not excluded (incl. detection delay)',
};
