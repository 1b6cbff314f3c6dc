import { Module } from '@nestjs/common';
import { QueueHistoryController } from './queue-history.controller';
import { QueueHistoryRepository } from './queue-history.repository';
import { QueueHistoryService } from './queue-history.service';
import { QueuesController } from './queues.controller';
import { QueuesRepository } from './queues.repository';

@Module({
  // The history controller first: its `history` route must win over `:id`.
  controllers: [QueueHistoryController, QueuesController],
  providers: [QueuesRepository, QueueHistoryRepository, QueueHistoryService],
  exports: [QueuesRepository],
})
export class QueuesModule {}
