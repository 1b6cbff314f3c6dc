import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ListOutagesQuery } from './dto/list-outages.query';
import { OutageListDto } from './dto/outage-list.dto';
import { OutagePageDto } from './dto/outage-page.dto';
import { OutageDto } from './dto/outage.dto';
import { outageNotFound } from './outage-not-found.exception';
import { OutagesRepository } from './outages.repository';

@ApiTags('outages')
@Controller(`${API_PREFIX}/outages`)
export class OutagesController {
  constructor(private readonly outages: OutagesRepository) {}

  @Get()
  @ApiOperation({ summary: 'Outages opened by the mass-failure breaker, latest opened first; filtered and paged' })
  @ApiOkResponse({ type: OutagePageDto })
  async list(@Query() query: ListOutagesQuery): Promise<OutagePageDto> {
    const { items, total } = await this.outages.page(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  // Before ':id', which would otherwise take `open` as an id.
  @Get('open')
  @ApiOperation({ summary: 'Every open outage (new exclusions are frozen in its scope), latest opened first' })
  @ApiOkResponse({ type: OutageListDto })
  async open(): Promise<OutageListDto> {
    return { items: await this.outages.open() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One outage' })
  @ApiOkResponse({ type: OutageDto })
  async get(@Param('id', UuidParamPipe) id: string): Promise<OutageDto> {
    const outage = await this.outages.findById(id);
    if (!outage) {
      throw outageNotFound(id);
    }
    return outage;
  }
}
