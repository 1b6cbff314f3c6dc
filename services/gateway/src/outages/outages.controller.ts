import { Controller, Get, Query } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import type { PageDto } from '../common/page.dto';
import { ListOutagesQuery } from './dto/list-outages.query';
import type { OutageDto } from './dto/outage.dto';
import { OutagesRepository } from './outages.repository';

@Controller(`${API_PREFIX}/outages`)
export class OutagesController {
  constructor(private readonly outages: OutagesRepository) {}

  @Get()
  async list(@Query() query: ListOutagesQuery): Promise<PageDto<OutageDto>> {
    const { items, total } = await this.outages.page(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
