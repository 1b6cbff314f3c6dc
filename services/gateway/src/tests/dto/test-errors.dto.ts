import { ApiProperty } from '@nestjs/swagger';
import { QueueErrorDto } from './queue-error.dto';

/** Each queue's latest failed job of a test: the per-queue table's "latest error". */
export class TestErrorsDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'null: every job of the test is read. Otherwise only the jobs submitted from this hour on: the newest ' +
      '~200,000 finished jobs of a larger test (whole hours)',
  })
  submittedSince!: string | null;

  @ApiProperty({
    type: [QueueErrorDto],
    description: 'One per queue with a failed job (queues without are absent), by queue id',
  })
  items!: QueueErrorDto[];
}
