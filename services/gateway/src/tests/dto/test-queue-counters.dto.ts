import { ApiProperty } from '@nestjs/swagger';
import { JobCountersDto } from './job-counters.dto';

export class TestQueueCountersDto extends JobCountersDto {
  @ApiProperty()
  queueId!: string;

  /** Null only if the queue was deleted after its jobs ran. */
  @ApiProperty({ type: String, nullable: true, description: 'Null only if the queue was deleted after its jobs ran' })
  siteId!: string | null;
}
