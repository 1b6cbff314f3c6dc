import type { DailyCountersDto } from './daily-counters.dto';

/** One queue's jobs per UTC day of submission, over the last `days` days up to today (UTC). */
export class QueueHistoryDto {
  queueId!: string;
  siteId!: string;
  /** First and last day of the window, `YYYY-MM-DD`. */
  from!: string;
  to!: string;
  /** The golden filter asked for; null: all jobs. */
  golden!: boolean | null;
  /** Every day of the window, oldest first; a day without jobs has zeros and a null efficiency. */
  items!: DailyCountersDto[];
}
