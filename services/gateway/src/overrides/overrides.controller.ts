import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedInTransaction } from '../audit/audited-in-transaction.decorator';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import { CurrentOverridePageDto } from './dto/current-override-page.dto';
import { ListOverridesQuery } from './dto/list-overrides.query';
import { OverrideAcceptedDto } from './dto/override-accepted.dto';
import { OverrideQueueDto } from './dto/override-queue.dto';
import { OverridesRepository } from './overrides.repository';
import { OverridesService } from './overrides.service';

@ApiTags('overrides')
@Controller(API_PREFIX)
export class OverridesController {
  constructor(
    private readonly overrides: OverridesService,
    private readonly repository: OverridesRepository,
  ) {}

  @Get('overrides')
  @ApiOperation({ summary: 'Queues whose status an operator set, with the override that set it; paged' })
  @ApiOkResponse({ type: CurrentOverridePageDto })
  async list(@Query() query: ListOverridesQuery): Promise<CurrentOverridePageDto> {
    const { items, total } = await this.repository.current(query);
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** 202: the command is on the bus; the queue's status changes when the decider has applied it. */
  @Put('queues/:id/override')
  @HttpCode(HttpStatus.ACCEPTED)
  @AuditedInTransaction()
  @ApiOperation({ summary: 'Ask the decider to exclude a queue, keep it online, or hand it back to the policy' })
  @ApiAcceptedResponse({ type: OverrideAcceptedDto, description: 'Sent to the decider, not yet applied' })
  override(
    @Param('id', QueueIdParamPipe) id: string,
    @Body() body: OverrideQueueDto,
    @RequestCtx() context: RequestContext,
  ): Promise<OverrideAcceptedDto> {
    return this.overrides.request(id, body, context);
  }

  /** The same as `PUT` with mode `clear`: harmless on a queue without an override. */
  @Delete('queues/:id/override')
  @HttpCode(HttpStatus.ACCEPTED)
  @AuditedInTransaction()
  @ApiOperation({ summary: 'Clear the manual override of a queue: back to the policy (as PUT with mode clear)' })
  @ApiAcceptedResponse({ type: OverrideAcceptedDto, description: 'Sent to the decider, not yet applied' })
  clear(
    @Param('id', QueueIdParamPipe) id: string,
    @RequestCtx() context: RequestContext,
  ): Promise<OverrideAcceptedDto> {
    return this.overrides.request(id, { mode: 'clear' }, context);
  }
}
