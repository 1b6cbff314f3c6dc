import type { TestStateName } from '@anvil/db';

/** What the timeline and stats of a test need to know before they read its jobs. */
export interface TestSeriesRecord {
  state: TestStateName;
  startAt: Date;
  endAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Submission hours of its first and last jobs (from `job_rollups`); null without jobs. */
  firstHour: Date | null;
  lastHour: Date | null;
  /** All its jobs, and its completed and failed ones (from `job_rollups`). */
  jobs: number;
  finished: number;
}
