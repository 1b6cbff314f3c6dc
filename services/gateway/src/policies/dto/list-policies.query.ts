import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ID_PATTERN, ID_PROBLEM } from '../../common/id-pattern.constant';
import { PageQuery } from '../../common/page.query';
import { toBoolean } from '../../common/to-boolean.transform';

export class ListPoliciesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the versions of this policy', example: 'anvil-default' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  name?: string;

  @ApiPropertyOptional({ description: 'true: only the active version; false: only the others' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}
