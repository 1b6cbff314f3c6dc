import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { CurrentOverrideDto } from './current-override.dto';

export class CurrentOverridePageDto implements PageDto<CurrentOverrideDto> {
  @ApiProperty({ description: 'The page, by site id then queue id', type: [CurrentOverrideDto] })
  items!: CurrentOverrideDto[];

  @ApiProperty({ description: 'Overridden queues over all pages' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
