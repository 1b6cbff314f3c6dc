import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import { QueueHistoryMatrixQuery } from './dto/queue-history-matrix.query';
import { QueueHistoryMatrixDto } from './dto/queue-history-matrix.dto';
import { QueueHistoryQuery } from './dto/queue-history.query';
import { QueueHistoryDto } from './dto/queue-history.dto';
import { QueueHistoryService } from './queue-history.service';

/**
 * Site history. Registered before `QueuesController`, so `GET /queues/history` is this list and not the queue
 * with the id `history`.
 */
@ApiTags('queues')
@Controller(`${API_PREFIX}/queues`)
export class QueueHistoryController {
  constructor(private readonly history: QueueHistoryService) {}

  @Get('history')
  @ApiOperation({ summary: 'Sites × days: every matching queue’s job counters and efficiency per UTC day' })
  @ApiOkResponse({ type: QueueHistoryMatrixDto })
  matrix(@Query() query: QueueHistoryMatrixQuery): Promise<QueueHistoryMatrixDto> {
    return this.history.matrix(query);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'One queue’s job counters and efficiency per UTC day, every day of the window' })
  @ApiOkResponse({ type: QueueHistoryDto })
  queue(@Param('id', QueueIdParamPipe) id: string, @Query() query: QueueHistoryQuery): Promise<QueueHistoryDto> {
    return this.history.queue(id, query);
  }
}
