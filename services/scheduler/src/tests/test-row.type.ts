import type { TestKindName, TestStateName } from '@anvil/db';

/** A `tests` row as the scheduler reads it (see TEST_COLUMNS). */
export interface TestRow {
  id: string;
  templateId: string;
  templateVersion: number;
  kind: TestKindName;
  robot: boolean;
  state: TestStateName;
  startAt: Date;
  endAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  submitterId: string | null;
  /** Postgres bigint, read as a string. */
  leaseEpoch: string;
  predecessorId: string | null;
  reason: string | null;
}
