import type { TestKindName, TestStateName } from '@anvil/db';

/** The test list's filters (all combined with AND) and page. */
export interface TestFilter {
  state?: TestStateName;
  templateId?: string;
  kind?: TestKindName;
  /** Tests with this queue among their queues (`test_queues`). */
  queueId?: string;
  /** Created at or after. */
  createdSince?: Date;
  /** Created before. */
  createdUntil?: Date;
  limit: number;
  offset: number;
}
