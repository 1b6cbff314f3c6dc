import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { SiteDto } from './site.dto';

export class SitePageDto implements PageDto<SiteDto> {
  @ApiProperty({ description: 'The page, by site id', type: [SiteDto] })
  items!: SiteDto[];

  @ApiProperty({ description: 'Sites over all pages' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
