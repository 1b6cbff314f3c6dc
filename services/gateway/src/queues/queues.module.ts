import { Module } from '@nestjs/common';
import { QueuesController } from './queues.controller';
import { QueuesRepository } from './queues.repository';

@Module({ controllers: [QueuesController], providers: [QueuesRepository], exports: [QueuesRepository] })
export class QueuesModule {}
