import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { toBoolean } from '../../common/to-boolean.transform';
import { toInteger } from '../../common/to-integer.transform';

/** Largest `days` of one queue's history. */
export const MAX_QUEUE_HISTORY_DAYS = 366;

export class QueueHistoryQuery {
  // Rules run bottom-up and stop at the first failure: the type check is the last decorator.
  @ApiPropertyOptional({
    description: 'The last `days` UTC days, today included',
    type: 'integer',
    minimum: 1,
    maximum: MAX_QUEUE_HISTORY_DAYS,
    default: 30,
  })
  @IsOptional()
  @Transform(toInteger)
  @Max(MAX_QUEUE_HISTORY_DAYS)
  @Min(1)
  @IsInt()
  days: number = 30;

  /** Only jobs of golden (true) or non-golden (false) template versions; absent: all jobs. */
  @ApiPropertyOptional({
    description: 'true: only jobs of golden template versions; false: only the others; absent: all jobs',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  golden?: boolean;
}
