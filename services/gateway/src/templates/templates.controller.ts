import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateTemplateDto } from './dto/create-template.dto';
import { ListTemplatesQuery } from './dto/list-templates.query';
import type { TemplateListDto } from './dto/template-list.dto';
import type { TemplateDto } from './dto/template.dto';
import { TemplatesService } from './templates.service';

@Controller(`${API_PREFIX}/templates`)
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(@Body() body: CreateTemplateDto, @RequestCtx() context: RequestContext): Promise<TemplateDto> {
    return this.templates.create(body, context);
  }

  @Get()
  async list(@Query() query: ListTemplatesQuery): Promise<TemplateListDto> {
    return { items: await this.templates.list(query) };
  }

  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<TemplateDto> {
    return this.templates.get(id);
  }
}
