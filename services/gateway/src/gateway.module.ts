import { Module } from '@nestjs/common';
import { DatabaseModule } from '@anvil/db';
import { HealthModule, LoggingModule } from '@anvil/telemetry';
import { QueuesModule } from './queues/queues.module';
import { TemplatesModule } from './templates/templates.module';
import { TestsModule } from './tests/tests.module';

@Module({
  imports: [
    LoggingModule.forRoot('gateway'),
    DatabaseModule.forRoot({ applicationName: 'anvil-gateway' }),
    HealthModule,
    TemplatesModule,
    TestsModule,
    QueuesModule,
  ],
})
export class GatewayModule {}
