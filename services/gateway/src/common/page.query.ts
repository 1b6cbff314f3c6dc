import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from './max-page-size.constant';
import { toInteger } from './to-integer.transform';

/** `limit` and `offset` of every paged list; list queries extend it with their filters. */
export class PageQuery {
  // Rules run bottom-up and stop at the first failure: the type check is the last decorator.
  @ApiPropertyOptional({
    description: 'Page size',
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: 50,
  })
  @IsOptional()
  @Transform(toInteger)
  @Max(MAX_PAGE_SIZE)
  @Min(1)
  @IsInt()
  limit: number = 50;

  @ApiPropertyOptional({ description: 'Items to skip before the page', type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @IsInt()
  offset: number = 0;
}
