import { JobCountersDto } from './job-counters.dto';

export class TestQueueCountersDto extends JobCountersDto {
  queueId!: string;
  /** Null only if the queue was deleted after its jobs ran. */
  siteId!: string | null;
}
