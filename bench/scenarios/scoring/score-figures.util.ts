import { median } from './median.util';
import type { ScenarioScore } from './scenario-score.types';
import type { ScoreFigures } from './score-figures.types';

/**
 * The figures of one or more scenario scores: counts are summed, delays pooled and their median
 * taken, flaps divided by the total days (and queue-days) of the scenarios.
 */
export function scoreFigures(scores: readonly ScenarioScore[]): ScoreFigures {
  const sum = (pick: (score: ScenarioScore) => number): number => scores.reduce((total, s) => total + pick(s), 0);
  const detections = scores.flatMap((s) => s.detectionDelays);
  const recoveries = scores.flatMap((s) => s.recoveryDelays);
  const flaps = sum((s) => s.flaps);
  const days = sum((s) => s.durationDays);
  const queueDays = sum((s) => s.durationDays * s.queues);
  const round = (value: number | null, digits = 1): number | null =>
    value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    exclusions: sum((s) => s.exclusions),
    falseExclusions: sum((s) => s.falseExclusions),
    flakyExclusions: sum((s) => s.flakyExclusions),
    centralOutageExclusions: sum((s) => s.centralOutageExclusions),
    brokenIntervals: sum((s) => s.brokenIntervals),
    missedBrokenIntervals: sum((s) => s.missedIntervals),
    medianDetectionJobs: median(detections.map((d) => d.jobs)),
    medianDetectionMinutes: round(median(detections.map((d) => d.minutes))),
    medianRecoveryMinutes: round(median(recoveries.map((r) => r.minutes))),
    medianRecoverySuccessfulJobsPerTemplate: median(recoveries.map((r) => r.minSuccessfulJobsPerTemplate)),
    maxRecoverySuccessfulJobsPerTemplate:
      recoveries.length === 0 ? null : Math.max(...recoveries.map((r) => r.minSuccessfulJobsPerTemplate)),
    maxRecoveryBusiestTemplateSuccesses:
      recoveries.length === 0 ? null : Math.max(...recoveries.map((r) => r.maxSuccessfulJobsPerTemplate)),
    unrecoveredRepairs: sum((s) => s.unrecoveredRepairs),
    prematureRecoveries: sum((s) => s.prematureRecoveries),
    flaps,
    flapsPerDay: round(days > 0 ? flaps / days : 0, 3)!,
    flapsPerQueueDay: round(queueDays > 0 ? flaps / queueDays : 0, 4)!,
    outagesOpened: sum((s) => s.outagesOpened),
    outagesOutsideCentralOutages: sum((s) => s.outagesOutsideCentralOutages),
    healthyExcludedHours: round(sum((s) => s.healthyExcludedHours))!,
    brokenNotExcludedHours: round(sum((s) => s.brokenNotExcludedHours))!,
  };
}
