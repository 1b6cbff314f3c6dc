import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { toBoolean } from '../../common/to-boolean.transform';
import { toInteger } from '../../common/to-integer.transform';
import { ListQueuesQuery } from './list-queues.query';

/** Largest `days` of the history of many queues. */
export const MAX_HISTORY_MATRIX_DAYS = 90;

/** The queue list's filters (`site`, `status`, `backend`), and the window and golden filter of the history. */
export class QueueHistoryMatrixQuery extends ListQueuesQuery {
  @IsOptional()
  @Transform(toInteger)
  @Max(MAX_HISTORY_MATRIX_DAYS)
  @Min(1)
  @IsInt()
  days: number = 14;

  /** Only jobs of golden (true) or non-golden (false) template versions; absent: all jobs. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  golden?: boolean;
}
