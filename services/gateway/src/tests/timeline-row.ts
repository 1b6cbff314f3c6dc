import type { TimelineBucketDto } from './dto/timeline-bucket.dto';

/** Jobs of one bucket as a timeline query reads them: the bucket's start and some of its counts. */
export type TimelineRow = { at: Date } & Partial<Omit<TimelineBucketDto, 'at'>>;
