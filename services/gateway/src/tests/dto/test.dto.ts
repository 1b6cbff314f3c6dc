import { TestSummaryDto } from './test-summary.dto';
import type { TestQueueCountersDto } from './test-queue-counters.dto';

/** One test with its per-queue table. */
export class TestDto extends TestSummaryDto {
  /** Every queue of the test (zeros before its first job) and any other queue it has jobs on, by queue id. */
  queues!: TestQueueCountersDto[];
}
