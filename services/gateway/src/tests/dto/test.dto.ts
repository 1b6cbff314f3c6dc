import { ApiProperty } from '@nestjs/swagger';
import { TestQueueCountersDto } from './test-queue-counters.dto';
import { TestSummaryDto } from './test-summary.dto';

/** One test with its per-queue table. */
export class TestDto extends TestSummaryDto {
  /** Every queue of the test (zeros before its first job) and any other queue it has jobs on, by queue id. */
  @ApiProperty({
    type: [TestQueueCountersDto],
    description: 'Every queue of the test (zeros before its first job) and any other it has jobs on, by queue id',
  })
  queues!: TestQueueCountersDto[];
}
