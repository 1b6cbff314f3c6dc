import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/** Exports `JobsService` for the jobs of a queue (`GET /queues/:id/jobs`). Imports nothing: any module may use it. */
@Module({ controllers: [JobsController], providers: [JobsService, JobsRepository], exports: [JobsService] })
export class JobsModule {}
