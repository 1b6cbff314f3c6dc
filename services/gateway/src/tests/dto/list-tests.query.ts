import { IsIn, IsOptional } from 'class-validator';
import type { TestStateName } from '@anvil/db';
import { PageQuery } from '../../common/page.query';
import { TEST_STATES } from '../../common/test-states.constant';

export class ListTestsQuery extends PageQuery {
  @IsOptional()
  @IsIn(TEST_STATES)
  state?: TestStateName;
}
