import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { TestStateName } from '@anvil/db';
import { MAX_PAGE_SIZE } from '../../common/max-page-size.constant';
import { TEST_STATES } from '../../common/test-states.constant';
import { toInteger } from '../../common/to-integer.transform';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
export class ListTestsQuery {
  @IsOptional()
  @IsIn(TEST_STATES)
  state?: TestStateName;

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
