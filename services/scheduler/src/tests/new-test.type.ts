import type { QueueSelector, TestKindName } from '@anvil/db';

/** What it takes to create a test; timestamps left out are taken from the database clock. */
export interface NewTest {
  id: string;
  templateId: string;
  templateVersion: number;
  kind: TestKindName;
  robot: boolean;
  /** `null`: now (database clock). */
  startAt: Date | null;
  /** Either an explicit end or a duration from the start. */
  end: { at: Date } | { afterMs: number };
  predecessorId: string | null;
  createdBy: string;
  selector: QueueSelector;
  /** W3C traceparent of the request that asked for the test; its assignment is published in that trace. */
  traceParent?: string | null;
}
