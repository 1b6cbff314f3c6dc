import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import type { TestKindName, TestStateName } from '@anvil/db';
import { ID_PATTERN, ID_PROBLEM } from '../../common/id-pattern.constant';
import { IsAfter } from '../../common/is-after.decorator';
import { IsIsoDateTime } from '../../common/is-iso-date-time.decorator';
import { PageQuery } from '../../common/page.query';
import { TEST_KINDS } from '../../common/test-kinds.constant';
import { TEST_STATES } from '../../common/test-states.constant';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
export class ListTestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TEST_STATES, enumName: 'TestState' })
  @IsOptional()
  @IsIn(TEST_STATES)
  state?: TestStateName;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tests made from this template (any version)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  template?: string;

  @ApiPropertyOptional({ enum: TEST_KINDS, enumName: 'TestKind' })
  @IsOptional()
  @IsIn(TEST_KINDS)
  kind?: TestKindName;

  @ApiPropertyOptional({ description: 'Tests that run on this queue', example: 'CERN-PROD_SIM1' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  queue?: string;

  @ApiPropertyOptional({
    description: 'Tests created at or after this time (ISO-8601 with a zone, or a date: UTC midnight)',
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  createdSince?: string;

  @ApiPropertyOptional({
    description: 'Tests created before this time (ISO-8601 with a zone, or a date); later than createdSince',
    example: '2030-01-02',
  })
  @IsOptional()
  @IsAfter('createdSince')
  @IsIsoDateTime()
  createdUntil?: string;
}
