import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedInTransaction } from '../audit/audited-in-transaction.decorator';
import { CurrentIdentity } from '../auth/current-identity.decorator';
import type { Identity } from '../auth/identity';
import { RequireRole } from '../auth/require-role.decorator';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import { checkAdminQueueFields } from './admin-queue-fields.util';
import { CreateQueueDto } from './dto/create-queue.dto';
import { ListQueuesQuery } from './dto/list-queues.query';
import { QueueDetailDto } from './dto/queue-detail.dto';
import { QueuePageDto } from './dto/queue-page.dto';
import { UpdateQueueDto } from './dto/update-queue.dto';
import { QueuesRepository } from './queues.repository';
import { QueuesService } from './queues.service';

@ApiTags('queues')
@Controller(`${API_PREFIX}/queues`)
export class QueuesController {
  constructor(
    private readonly queues: QueuesRepository,
    private readonly service: QueuesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Queues with their site, status and labels, by site then queue id; filtered and paged' })
  @ApiOkResponse({ type: QueuePageDto })
  async list(@Query() query: ListQueuesQuery): Promise<QueuePageDto> {
    const { items, total } = await this.queues.page(query, query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One queue, with its backend configuration' })
  @ApiOkResponse({ type: QueueDetailDto })
  get(@Param('id', QueueIdParamPipe) id: string): Promise<QueueDetailDto> {
    return this.service.get(id);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @RequireRole('admin')
  @AuditedInTransaction()
  @ApiOperation({
    summary: "Create a queue (admin); its backend configuration is checked by the backend's own validator",
  })
  @ApiCreatedResponse({ type: QueueDetailDto })
  create(@Body() body: CreateQueueDto, @RequestCtx() context: RequestContext): Promise<QueueDetailDto> {
    return this.service.create(body, context);
  }

  @Patch(':id')
  @AuditedInTransaction()
  @ApiOperation({
    summary: 'Change a queue: name, site, backend and its configuration, labels, protected, auto-exclusion',
    description: 'Changing `siteId`, `backend`, `backendConfig` or `protected` needs the admin role, as creating does.',
  })
  @ApiOkResponse({ type: QueueDetailDto })
  @ApiForbiddenResponse({ description: 'An operator changing an admin-only field (`FORBIDDEN`, the fields named)' })
  update(
    @Param('id', QueueIdParamPipe) id: string,
    @Body() body: UpdateQueueDto,
    @CurrentIdentity() identity: Identity,
    @RequestCtx() context: RequestContext,
  ): Promise<QueueDetailDto> {
    checkAdminQueueFields(body, identity);
    return this.service.update(id, body, context);
  }
}
