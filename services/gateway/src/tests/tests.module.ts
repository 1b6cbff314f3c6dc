import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig } from '../gateway.env';
import { TemplatesModule } from '../templates/templates.module';
import { LiveCountersRepository } from './live-counters.repository';
import { RenderedJsonCache } from './rendered-json.cache';
import { TestCommandsService } from './test-commands.service';
import { TestSeriesController } from './test-series.controller';
import { TestSeriesRepository } from './test-series.repository';
import { TestSeriesService } from './test-series.service';
import { TestsController } from './tests.controller';
import { TestsRepository } from './tests.repository';
import { TestsService } from './tests.service';

/** Needs the global `BusModule` (for `Publisher`) and `AuditModule`. */
@Module({
  imports: [TemplatesModule],
  controllers: [TestsController, TestSeriesController],
  providers: [
    TestsService,
    TestsRepository,
    LiveCountersRepository,
    TestCommandsService,
    TestSeriesService,
    TestSeriesRepository,
    {
      provide: RenderedJsonCache,
      useFactory: (config: GatewayConfig) => new RenderedJsonCache(config.pageCacheMs),
      inject: [GATEWAY_CONFIG],
    },
  ],
})
export class TestsModule {}
