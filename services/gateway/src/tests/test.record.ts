import type { TestKindName, TestStateName } from '@anvil/db';

/** One row of `tests` with its template's name and its queues, as the repository reads it. */
export interface TestRecord {
  id: string;
  state: TestStateName;
  kind: TestKindName;
  robot: boolean;
  templateId: string;
  templateName: string;
  templateVersion: number;
  submitterId: string | null;
  startAt: Date;
  endAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Rows of the test in `test_queues`. */
  queueCount: number;
  /** The first `FIRST_QUEUES` of them by queue id. */
  firstQueueIds: string[];
}
