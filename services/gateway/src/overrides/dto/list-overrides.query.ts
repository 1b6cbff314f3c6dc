import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ID_PATTERN, ID_PROBLEM } from '../../common/id-pattern.constant';
import { PageQuery } from '../../common/page.query';

export class ListOverridesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the queues of this site', example: 'CERN' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  site?: string;
}
