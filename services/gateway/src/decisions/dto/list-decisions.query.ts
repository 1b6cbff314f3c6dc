import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import type { DecisionAction, DecisionSource } from '@anvil/db';
import { DECISION_ACTIONS, DECISION_SOURCES } from '../../common/decision-values.constant';
import { ID_PATTERN, ID_PROBLEM } from '../../common/id-pattern.constant';
import { IsAfter } from '../../common/is-after.decorator';
import { IsIsoDateTime } from '../../common/is-iso-date-time.decorator';
import { PageQuery } from '../../common/page.query';
import { toBoolean } from '../../common/to-boolean.transform';

export class ListDecisionsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Decisions about this queue', example: 'CERN-PROD_sim' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  queueId?: string;

  @ApiPropertyOptional({ description: 'Decisions about any queue of this site', example: 'CERN' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  siteId?: string;

  @ApiPropertyOptional({ enum: DECISION_ACTIONS })
  @IsOptional()
  @IsIn(DECISION_ACTIONS)
  action?: DecisionAction;

  @ApiPropertyOptional({ enum: DECISION_SOURCES })
  @IsOptional()
  @IsIn(DECISION_SOURCES)
  source?: DecisionSource;

  @ApiPropertyOptional({ description: 'true: the status changed; false: a dry-run or blocked detection' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  enforced?: boolean;

  /** Decisions at or after this time. */
  @ApiPropertyOptional({
    description: 'Decisions at or after this time (ISO-8601 with a zone, or a date: UTC midnight)',
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  since?: string;

  /** Decisions before this time. */
  @ApiPropertyOptional({
    description: 'Decisions before this time (ISO-8601 with a zone, or a date); later than `since`',
    example: '2030-01-02',
  })
  @IsOptional()
  @IsAfter('since')
  @IsIsoDateTime()
  until?: string;
}
