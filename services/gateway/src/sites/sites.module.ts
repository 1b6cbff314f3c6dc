import { Module } from '@nestjs/common';
import { QueuesModule } from '../queues/queues.module';
import { SitesController } from './sites.controller';
import { SitesRepository } from './sites.repository';

@Module({ imports: [QueuesModule], controllers: [SitesController], providers: [SitesRepository] })
export class SitesModule {}
