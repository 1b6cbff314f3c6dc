import type { JobStateCounts } from './job-state-counts';

/** Job counts of one test on one queue, summed over the rollup hours. */
export interface TestQueueCounts extends JobStateCounts {
  testId: string;
  queueId: string;
  siteId: string | null;
}
