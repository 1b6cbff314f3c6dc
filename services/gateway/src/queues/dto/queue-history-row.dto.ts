/**
 * One queue's line of the history matrix: each array has one entry per day of the matrix's `days`, in that order
 * (zeros and a null efficiency on a day without jobs).
 */
export class QueueHistoryRowDto {
  queueId!: string;
  siteId!: string;
  submitted!: number[];
  running!: number[];
  completed!: number[];
  failed!: number[];
  cancelled!: number[];
  lost!: number[];
  total!: number[];
  /** completed / (completed + failed) per day, four decimals; null when none completed or failed. */
  efficiency!: (number | null)[];
}
