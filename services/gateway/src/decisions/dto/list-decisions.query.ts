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
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  queueId?: string;

  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  siteId?: string;

  @IsOptional()
  @IsIn(DECISION_ACTIONS)
  action?: DecisionAction;

  @IsOptional()
  @IsIn(DECISION_SOURCES)
  source?: DecisionSource;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  enforced?: boolean;

  /** Decisions at or after this time. */
  @IsOptional()
  @IsIsoDateTime()
  since?: string;

  /** Decisions before this time. */
  @IsOptional()
  @IsAfter('since')
  @IsIsoDateTime()
  until?: string;
}
