import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedInTransaction } from '../audit/audited-in-transaction.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import { CreatePolicyDto } from './dto/create-policy.dto';
import { ListPoliciesQuery } from './dto/list-policies.query';
import { PolicyDetailDto } from './dto/policy-detail.dto';
import { PolicyPageDto } from './dto/policy-page.dto';
import { PoliciesRepository } from './policies.repository';
import { PoliciesService } from './policies.service';
import { PolicyVersionParamPipe } from './policy-version-param.pipe';

@ApiTags('policies')
@Controller(`${API_PREFIX}/policies`)
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly repository: PoliciesRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recorded policy versions, by name then newest first, without documents; paged' })
  @ApiOkResponse({ type: PolicyPageDto })
  async list(@Query() query: ListPoliciesQuery): Promise<PolicyPageDto> {
    const { items, total } = await this.repository.page(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @AuditedInTransaction()
  @ApiOperation({
    summary: 'Record a new policy version, validated as the decider validates it; it runs once activated',
  })
  @ApiCreatedResponse({ type: PolicyDetailDto })
  create(@Body() body: CreatePolicyDto, @RequestCtx() context: RequestContext): Promise<PolicyDetailDto> {
    return this.policies.create(body, context);
  }

  @Get(':name')
  @ApiOperation({ summary: 'The newest version of a policy, with its document' })
  @ApiOkResponse({ type: PolicyDetailDto })
  latest(@Param('name', QueueIdParamPipe) name: string): Promise<PolicyDetailDto> {
    return this.policies.get(name);
  }

  @Get(':name/versions/:version')
  @ApiOperation({ summary: 'One version of a policy, with its document' })
  @ApiOkResponse({ type: PolicyDetailDto })
  version(
    @Param('name', QueueIdParamPipe) name: string,
    @Param('version', PolicyVersionParamPipe) version: number,
  ): Promise<PolicyDetailDto> {
    return this.policies.get(name, version);
  }

  @Post(':name/versions/:version/activate')
  @HttpCode(HttpStatus.OK)
  @RequireRole('admin')
  @AuditedInTransaction()
  @ApiOperation({ summary: 'Make this version the one active policy (admin); the one active before is deactivated' })
  @ApiOkResponse({ type: PolicyDetailDto })
  activate(
    @Param('name', QueueIdParamPipe) name: string,
    @Param('version', PolicyVersionParamPipe) version: number,
    @RequestCtx() context: RequestContext,
  ): Promise<PolicyDetailDto> {
    return this.policies.activate(name, version, context);
  }
}
