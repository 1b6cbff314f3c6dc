import { Controller, Get, Query } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import { ListQueuesQuery } from './dto/list-queues.query';
import type { QueueListDto } from './dto/queue-list.dto';
import { QueuesRepository } from './queues.repository';

@Controller(`${API_PREFIX}/queues`)
export class QueuesController {
  constructor(private readonly queues: QueuesRepository) {}

  @Get()
  async list(@Query() query: ListQueuesQuery): Promise<QueueListDto> {
    return { items: await this.queues.list(query) };
  }
}
