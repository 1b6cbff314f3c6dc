import { Controller, Get, Param, Query } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import { QueueHistoryMatrixQuery } from './dto/queue-history-matrix.query';
import type { QueueHistoryMatrixDto } from './dto/queue-history-matrix.dto';
import { QueueHistoryQuery } from './dto/queue-history.query';
import type { QueueHistoryDto } from './dto/queue-history.dto';
import { QueueHistoryService } from './queue-history.service';

/**
 * Site history. Registered before `QueuesController`, so `GET /queues/history` is this list and not the queue
 * with the id `history`.
 */
@Controller(`${API_PREFIX}/queues`)
export class QueueHistoryController {
  constructor(private readonly history: QueueHistoryService) {}

  @Get('history')
  matrix(@Query() query: QueueHistoryMatrixQuery): Promise<QueueHistoryMatrixDto> {
    return this.history.matrix(query);
  }

  @Get(':id/history')
  queue(@Param('id', QueueIdParamPipe) id: string, @Query() query: QueueHistoryQuery): Promise<QueueHistoryDto> {
    return this.history.queue(id, query);
  }
}
