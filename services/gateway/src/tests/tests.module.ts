import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig } from '../gateway.env';
import { TemplatesModule } from '../templates/templates.module';
import { LiveCountersRepository } from './live-counters.repository';
import { RenderedJsonCache } from './rendered-json.cache';
import { TestCommandsService } from './test-commands.service';
import { TestsController } from './tests.controller';
import { TestsRepository } from './tests.repository';
import { TestsService } from './tests.service';

/** Needs the global `BusModule` (for `Publisher`) and `AuditModule`. */
@Module({
  imports: [TemplatesModule],
  controllers: [TestsController],
  providers: [
    TestsService,
    TestsRepository,
    LiveCountersRepository,
    TestCommandsService,
    {
      provide: RenderedJsonCache,
      useFactory: (config: GatewayConfig) => new RenderedJsonCache(config.pageCacheMs),
      inject: [GATEWAY_CONFIG],
    },
  ],
})
export class TestsModule {}
