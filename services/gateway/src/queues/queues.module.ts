import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { QueueHistoryController } from './queue-history.controller';
import { QueueHistoryRepository } from './queue-history.repository';
import { QueueHistoryService } from './queue-history.service';
import { QueueJobsController } from './queue-jobs.controller';
import { QueueWritesRepository } from './queue-writes.repository';
import { QueuesController } from './queues.controller';
import { QueuesRepository } from './queues.repository';
import { QueuesService } from './queues.service';

/** Needs the global `AuditModule` (for `AuditRepository`). */
@Module({
  imports: [JobsModule],
  // The history controller first: its `history` route must win over `:id`.
  controllers: [QueueHistoryController, QueuesController, QueueJobsController],
  providers: [QueuesRepository, QueueWritesRepository, QueuesService, QueueHistoryRepository, QueueHistoryService],
  exports: [QueuesRepository],
})
export class QueuesModule {}
