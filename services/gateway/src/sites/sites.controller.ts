import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { PageQuery } from '../common/page.query';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import { QueuesRepository } from '../queues/queues.repository';
import { SiteDetailDto } from './dto/site-detail.dto';
import { SitePageDto } from './dto/site-page.dto';
import { siteNotFound } from './site-not-found.exception';
import { SitesRepository } from './sites.repository';

@ApiTags('sites')
@Controller(`${API_PREFIX}/sites`)
export class SitesController {
  constructor(
    private readonly sites: SitesRepository,
    private readonly queues: QueuesRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Sites by id, each with its queues counted by status; paged' })
  @ApiOkResponse({ type: SitePageDto })
  async list(@Query() query: PageQuery): Promise<SitePageDto> {
    const { items, total } = await this.sites.page(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One site, its queue counts by status and its queues' })
  @ApiOkResponse({ type: SiteDetailDto })
  async get(@Param('id', QueueIdParamPipe) id: string): Promise<SiteDetailDto> {
    const [site, queues] = await Promise.all([this.sites.findById(id), this.queues.ofSite(id)]);
    if (!site) {
      throw siteNotFound(id);
    }
    return { ...site, queues };
  }
}
