import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from './max-page-size.constant';
import { toInteger } from './to-integer.transform';

/** `limit` and `offset` of every paged list; list queries extend it with their filters. */
export class PageQuery {
  // Rules run bottom-up and stop at the first failure: the type check is the last decorator.
  @IsOptional()
  @Transform(toInteger)
  @Max(MAX_PAGE_SIZE)
  @Min(1)
  @IsInt()
  limit: number = 50;

  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @IsInt()
  offset: number = 0;
}
