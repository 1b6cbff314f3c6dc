import type { TestKindName, TestStateName } from '@anvil/db';
import type { JobCountersDto } from './job-counters.dto';
import type { TestQueueCountersDto } from './test-queue-counters.dto';
import type { TestTemplateRefDto } from './test-template-ref.dto';

export class TestDto {
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
  /** Every queue of the test (zeros before its first job), by queue id. */
  queues!: TestQueueCountersDto[];
  totals!: JobCountersDto;
}
