/** The flat figures the benchmark prints and emits as JSON, for one scenario or summed over many. */
export interface ScoreFigures {
  readonly exclusions: number;
  readonly falseExclusions: number;
  readonly flakyExclusions: number;
  readonly centralOutageExclusions: number;
  readonly brokenIntervals: number;
  readonly missedBrokenIntervals: number;
  readonly medianDetectionJobs: number | null;
  readonly medianDetectionMinutes: number | null;
  readonly medianRecoveryMinutes: number | null;
  /** Of each recovery's `minSuccessfulJobsPerTemplate` (what the policy waited for per template). */
  readonly medianRecoverySuccessfulJobsPerTemplate: number | null;
  /** The worst recovery's `minSuccessfulJobsPerTemplate`: the issue asks for <= 3. */
  readonly maxRecoverySuccessfulJobsPerTemplate: number | null;
  /** The stricter reading: the worst recovery's `maxSuccessfulJobsPerTemplate` (no template saw more before recovery). */
  readonly maxRecoveryBusiestTemplateSuccesses: number | null;
  readonly unrecoveredRepairs: number;
  readonly prematureRecoveries: number;
  readonly flaps: number;
  readonly flapsPerDay: number;
  readonly flapsPerQueueDay: number;
  readonly outagesOpened: number;
  readonly outagesOutsideCentralOutages: number;
  readonly healthyExcludedHours: number;
  readonly brokenNotExcludedHours: number;
}
