import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { toBoolean } from '../../common/to-boolean.transform';
import { toInteger } from '../../common/to-integer.transform';
import { QueueFilterQuery } from './queue-filter.query';

/** Largest `days` of the history of many queues. */
export const MAX_HISTORY_MATRIX_DAYS = 90;

/** The queue list's filters (`site`, `status`, `backend`, `label`), and the window and golden filter of the history. */
export class QueueHistoryMatrixQuery extends QueueFilterQuery {
  @ApiPropertyOptional({
    description: 'The last `days` UTC days, today included',
    type: 'integer',
    minimum: 1,
    maximum: MAX_HISTORY_MATRIX_DAYS,
    default: 14,
  })
  @IsOptional()
  @Transform(toInteger)
  @Max(MAX_HISTORY_MATRIX_DAYS)
  @Min(1)
  @IsInt()
  days: number = 14;

  /** Only jobs of golden (true) or non-golden (false) template versions; absent: all jobs. */
  @ApiPropertyOptional({
    description: 'true: only jobs of golden template versions; false: only the others; absent: all jobs',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  golden?: boolean;
}
