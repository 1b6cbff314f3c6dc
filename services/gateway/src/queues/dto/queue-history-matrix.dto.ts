import type { QueueHistoryRowDto } from './queue-history-row.dto';

/** Sites × days: the jobs of every queue matching the filters per UTC day of submission, columns by day. */
export class QueueHistoryMatrixDto {
  from!: string;
  to!: string;
  /** The golden filter asked for; null: all jobs. */
  golden!: boolean | null;
  /** The matrix's days (`YYYY-MM-DD`), oldest first; every row's arrays follow this order. */
  days!: string[];
  /** One row per queue, by site id then queue id. */
  items!: QueueHistoryRowDto[];
}
