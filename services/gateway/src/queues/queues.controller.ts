import { Controller, Get, Param, Query } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import { ListQueuesQuery } from './dto/list-queues.query';
import type { QueueListDto } from './dto/queue-list.dto';
import type { QueueDto } from './dto/queue.dto';
import { queueNotFound } from './queue-not-found.exception';
import { QueuesRepository } from './queues.repository';

@Controller(`${API_PREFIX}/queues`)
export class QueuesController {
  constructor(private readonly queues: QueuesRepository) {}

  @Get()
  async list(@Query() query: ListQueuesQuery): Promise<QueueListDto> {
    return { items: await this.queues.list(query) };
  }

  @Get(':id')
  async get(@Param('id', QueueIdParamPipe) id: string): Promise<QueueDto> {
    const queue = await this.queues.findById(id);
    if (!queue) {
      throw queueNotFound(id);
    }
    return queue;
  }
}
