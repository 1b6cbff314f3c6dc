import { Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { DatabaseModule, RedisModule } from '@anvil/db';
import { HealthModule, LoggingModule } from '@anvil/telemetry';
import { DecisionsModule } from './decisions/decisions.module';
import { OutagesModule } from './outages/outages.module';
import { OverridesModule } from './overrides/overrides.module';
import { QueuesModule } from './queues/queues.module';
import { TemplatesModule } from './templates/templates.module';
import { TestsModule } from './tests/tests.module';

@Module({
  imports: [
    LoggingModule.forRoot('gateway'),
    DatabaseModule.forRoot({ applicationName: 'anvil-gateway' }),
    // The ingester's live job counters (a cache: the gateway answers from the rollups without them).
    RedisModule.forRoot(),
    // Commands (overrides) go to JetStream; streams are provisioned at start like in every service.
    BusModule.forRoot({ service: 'gateway' }),
    HealthModule,
    TemplatesModule,
    TestsModule,
    QueuesModule,
    OverridesModule,
    DecisionsModule,
    OutagesModule,
  ],
})
export class GatewayModule {}
