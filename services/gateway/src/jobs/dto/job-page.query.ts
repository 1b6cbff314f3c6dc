import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { JOB_STATE_NAMES, type JobStateName } from '@anvil/contracts';
import { IsAfter } from '../../common/is-after.decorator';
import { IsIsoDateTime } from '../../common/is-iso-date-time.decorator';
import { MAX_PAGE_SIZE } from '../../common/max-page-size.constant';
import { toInteger } from '../../common/to-integer.transform';

/**
 * Filters and keyset page of every job list (`GET /jobs`, `GET /queues/:id/jobs`): newest submission first,
 * `cursor` from the previous page's `nextCursor`.
 */
// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
export class JobPageQuery {
  @ApiPropertyOptional({ enum: JOB_STATE_NAMES, enumName: 'JobState', description: 'Jobs in this state now' })
  @IsOptional()
  @IsIn(JOB_STATE_NAMES)
  state?: JobStateName;

  @ApiPropertyOptional({
    description: 'Jobs submitted at or after this time (ISO-8601 with a zone, or a date: UTC midnight)',
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  submittedSince?: string;

  @ApiPropertyOptional({
    description: 'Jobs submitted before this time (ISO-8601 with a zone, or a date); later than submittedSince',
    example: '2030-01-02',
  })
  @IsOptional()
  @IsAfter('submittedSince')
  @IsIsoDateTime()
  submittedUntil?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: 'Page size' })
  @IsOptional()
  @Transform(toInteger)
  @Max(MAX_PAGE_SIZE)
  @Min(1)
  @IsInt()
  limit: number = 50;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
