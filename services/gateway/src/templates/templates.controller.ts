import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditedInTransaction } from '../audit/audited-in-transaction.decorator';
import { API_PREFIX } from '../common/api-prefix.constant';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateTemplateDto } from './dto/create-template.dto';
import { ListTemplatesQuery } from './dto/list-templates.query';
import { TemplateDefinitionDto } from './dto/template-definition.dto';
import { TemplateDetailDto } from './dto/template-detail.dto';
import { TemplateDiffQuery } from './dto/template-diff.query';
import { TemplateDiffDto } from './dto/template-diff.dto';
import { TemplatePageDto } from './dto/template-page.dto';
import { TemplateVersionDto } from './dto/template-version.dto';
import { TemplatesService } from './templates.service';
import { VersionParamPipe } from './version-param.pipe';

const TEMPLATE_ID = { name: 'id', format: 'uuid', description: 'The template' } as const;

@ApiTags('templates')
@Controller(`${API_PREFIX}/templates`)
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Post()
  @AuditedInTransaction()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a template (its version 1)' })
  @ApiCreatedResponse({ type: TemplateDetailDto })
  @ApiConflictResponse({ description: 'Another template has this name (`TEMPLATE_NAME_TAKEN`)' })
  create(@Body() body: CreateTemplateDto, @RequestCtx() context: RequestContext): Promise<TemplateDetailDto> {
    return this.templates.create(body, context);
  }

  @Get()
  @ApiOperation({ summary: 'List templates by name, with the content of their current version' })
  @ApiOkResponse({ type: TemplatePageDto })
  list(@Query() query: ListTemplatesQuery): Promise<TemplatePageDto> {
    return this.templates.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One template: its current version and the list of its versions' })
  @ApiParam(TEMPLATE_ID)
  @ApiOkResponse({ type: TemplateDetailDto })
  @ApiNotFoundResponse({ description: 'No template has this id (`TEMPLATE_NOT_FOUND`)' })
  get(@Param('id', UuidParamPipe) id: string): Promise<TemplateDetailDto> {
    return this.templates.get(id);
  }

  @Post(':id/versions')
  @AuditedInTransaction()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Add a version: the body is its whole content; it becomes the current version',
    description: 'Tests made from earlier versions keep theirs. Location: the new version.',
  })
  @ApiParam(TEMPLATE_ID)
  @ApiCreatedResponse({ type: TemplateVersionDto })
  @ApiNotFoundResponse({ description: 'No template has this id (`TEMPLATE_NOT_FOUND`)' })
  async addVersion(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: TemplateDefinitionDto,
    @RequestCtx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TemplateVersionDto> {
    const version = await this.templates.addVersion(id, body, context);
    response.location(`/${API_PREFIX}/templates/${id}/versions/${version.version}`);
    return version;
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One version of a template, as it was created' })
  @ApiParam(TEMPLATE_ID)
  @ApiParam({ name: 'version', type: 'integer', schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: TemplateVersionDto })
  @ApiNotFoundResponse({
    description: 'No such template (`TEMPLATE_NOT_FOUND`) or version (`TEMPLATE_VERSION_NOT_FOUND`)',
  })
  getVersion(
    @Param('id', UuidParamPipe) id: string,
    @Param('version', VersionParamPipe) version: number,
  ): Promise<TemplateVersionDto> {
    return this.templates.getVersion(id, version);
  }

  @Get(':id/diff')
  @ApiOperation({ summary: 'What changed between two versions: each differing value by JSON pointer' })
  @ApiParam(TEMPLATE_ID)
  @ApiOkResponse({ type: TemplateDiffDto })
  @ApiNotFoundResponse({
    description: 'No such template (`TEMPLATE_NOT_FOUND`) or version (`TEMPLATE_VERSION_NOT_FOUND`)',
  })
  diff(@Param('id', UuidParamPipe) id: string, @Query() query: TemplateDiffQuery): Promise<TemplateDiffDto> {
    return this.templates.diff(id, query.from, query.to);
  }

  @Post(':id/activate')
  @AuditedInTransaction()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Make a template active (again); the robot resumes a functional one. Idempotent' })
  @ApiParam(TEMPLATE_ID)
  @ApiOkResponse({ type: TemplateDetailDto })
  @ApiNotFoundResponse({ description: 'No template has this id (`TEMPLATE_NOT_FOUND`)' })
  activate(@Param('id', UuidParamPipe) id: string, @RequestCtx() context: RequestContext): Promise<TemplateDetailDto> {
    return this.templates.setActive(id, true, context);
  }

  @Post(':id/deactivate')
  @AuditedInTransaction()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Make a template inactive: no new test is made from it; a running test runs to its end. Idempotent',
  })
  @ApiParam(TEMPLATE_ID)
  @ApiOkResponse({ type: TemplateDetailDto })
  @ApiNotFoundResponse({ description: 'No template has this id (`TEMPLATE_NOT_FOUND`)' })
  deactivate(
    @Param('id', UuidParamPipe) id: string,
    @RequestCtx() context: RequestContext,
  ): Promise<TemplateDetailDto> {
    return this.templates.setActive(id, false, context);
  }
}
