import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/page.query';
import { OUTAGE_STATES, type OutageState } from '../outage-states.constant';

export class ListOutagesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'open: not closed yet', enum: OUTAGE_STATES })
  @IsOptional()
  @IsIn(OUTAGE_STATES)
  state?: OutageState;
}
