import type { QueueStatsDto } from './dto/queue-stats.dto';

/** One queue's row of the stats query: its `QueueStatsDto` and what the histogram's bounds need. */
export interface QueueWallStats extends QueueStatsDto {
  minWallSeconds: number;
  maxWallSeconds: number;
  wallSecondsSum: number;
}
