import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { DecisionDto } from './decision.dto';

export class DecisionPageDto implements PageDto<DecisionDto> {
  @ApiProperty({ description: 'The page, latest first', type: [DecisionDto] })
  items!: DecisionDto[];

  @ApiProperty({ description: 'Decisions matching the filters over all pages' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
