import { Module } from '@nestjs/common';
import { LiveCountersRepository } from './live-counters.repository';
import { TestsController } from './tests.controller';
import { TestsRepository } from './tests.repository';
import { TestsService } from './tests.service';

@Module({ controllers: [TestsController], providers: [TestsService, TestsRepository, LiveCountersRepository] })
export class TestsModule {}
