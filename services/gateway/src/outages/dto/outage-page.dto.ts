import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { OutageDto } from './outage.dto';

export class OutagePageDto implements PageDto<OutageDto> {
  @ApiProperty({ description: 'The page, latest opened first', type: [OutageDto] })
  items!: OutageDto[];

  @ApiProperty({ description: 'Outages matching the filter over all pages' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
