import type { JobStateName } from '@anvil/contracts';
import type { JobCursor } from './job-cursor';

/** Which jobs to page through, newest submission first. At least one of `testId` and `queueId` is set. */
export interface JobFilter {
  testId?: string;
  queueId?: string;
  state?: JobStateName;
  /** Submitted at or after. */
  submittedSince?: Date;
  /** Submitted before. */
  submittedUntil?: Date;
  /** Jobs after this position (older). */
  after?: JobCursor;
  limit: number;
}
