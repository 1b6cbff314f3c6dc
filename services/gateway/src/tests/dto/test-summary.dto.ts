import type { TestKindName, TestStateName } from '@anvil/db';
import type { CountersFrom } from '../counters-from.constant';
import type { JobCountersDto } from './job-counters.dto';
import type { TestTemplateRefDto } from './test-template-ref.dto';

/** A test as the test list shows it: its jobs over all queues, and how many queues it runs on. */
export class TestSummaryDto {
  id!: string;
  state!: TestStateName;
  kind!: TestKindName;
  robot!: boolean;
  template!: TestTemplateRefDto;
  submitterId!: string | null;
  startAt!: Date;
  endAt!: Date;
  startedAt!: Date | null;
  finishedAt!: Date | null;
  /** Queues the test runs on (chosen when it was created). */
  queueCount!: number;
  /** The first five of those queues by id; the test's own page lists them all. */
  firstQueueIds!: string[];
  /** The test's jobs over all its queues, by current state. */
  totals!: JobCountersDto;
  /** `live`: the ingester's live counters in Redis; `rollups`: the hourly rollups summed (the live ones were missing). */
  countersFrom!: CountersFrom;
}
