import { ApiProperty } from '@nestjs/swagger';
import { TIMELINE_COUNTED_BY, type TimelineCountedBy } from '../timeline-counted-by.constant';
import { TimelineBucketDto } from './timeline-bucket.dto';

/** A test's jobs over time, in equal buckets from its start to its end (or now, while it runs). */
export class TestTimelineDto {
  @ApiProperty({ format: 'uuid' })
  testId!: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'Start of the first bucket' })
  from!: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'End of the last bucket' })
  to!: string;

  @ApiProperty({ type: 'integer', description: 'Width of every bucket, in seconds (1 s to 7 days)' })
  bucketSeconds!: number;

  @ApiProperty({
    enum: TIMELINE_COUNTED_BY,
    enumName: 'TimelineCountedBy',
    description:
      '`finish`: a final state counts in the bucket where the job finished (read from the jobs); `submission`: ' +
      'in the bucket where it was submitted (read from the hourly rollups, for tests longer than 60 hours or with ' +
      'more than 500,000 jobs; buckets are then at least an hour)',
  })
  countedBy!: TimelineCountedBy;

  @ApiProperty({ type: [TimelineBucketDto], description: 'Every bucket in time order, empty ones included' })
  buckets!: TimelineBucketDto[];
}
