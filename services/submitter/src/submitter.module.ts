import { Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { DatabaseModule, RedisModule } from '@anvil/db';
import { HealthModule, LoggingModule, MetricsModule } from '@anvil/telemetry';
import { AssignmentsModule } from './assignments/assignments.module';
import { HeartbeatModule } from './heartbeat/heartbeat.module';
import { SubmitterConfigModule } from './submitter-config.module';

export const SERVICE_NAME = 'submitter';

@Module({
  imports: [
    LoggingModule.forRoot(SERVICE_NAME),
    HealthModule,
    MetricsModule,
    SubmitterConfigModule,
    DatabaseModule.forRoot({ applicationName: SERVICE_NAME }),
    RedisModule.forRoot(),
    BusModule.forRoot({ service: SERVICE_NAME }),
    AssignmentsModule,
    HeartbeatModule,
  ],
})
export class SubmitterModule {}
