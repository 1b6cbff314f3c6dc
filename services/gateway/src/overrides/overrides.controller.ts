import { Body, Controller, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import type { OverrideAcceptedDto } from './dto/override-accepted.dto';
import { OverrideQueueDto } from './dto/override-queue.dto';
import { OverridesService } from './overrides.service';

@Controller(`${API_PREFIX}/queues`)
export class OverridesController {
  constructor(private readonly overrides: OverridesService) {}

  /** 202: the command is on the bus; the queue's status changes when the decider has applied it. */
  @Put(':id/override')
  @HttpCode(HttpStatus.ACCEPTED)
  override(
    @Param('id', QueueIdParamPipe) id: string,
    @Body() body: OverrideQueueDto,
    @RequestCtx() context: RequestContext,
  ): Promise<OverrideAcceptedDto> {
    return this.overrides.request(id, body, context);
  }
}
