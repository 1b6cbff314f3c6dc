import { Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { DatabaseModule, LeaderModule, RedisModule } from '@anvil/db';
import { HealthModule, LoggingModule, MetricsModule } from '@anvil/telemetry';
import { CommandsModule } from './commands/commands.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { SchedulerConfigModule } from './scheduler-config.module';
import { SCHEDULER_CONFIG, SCHEDULER_SERVICE } from './scheduler.constants';
import type { SchedulerConfig } from './scheduler.env';

@Module({
  imports: [
    LoggingModule.forRoot(SCHEDULER_SERVICE),
    HealthModule,
    MetricsModule,
    SchedulerConfigModule,
    DatabaseModule.forRoot({ applicationName: SCHEDULER_SERVICE }),
    RedisModule.forRoot(),
    BusModule.forRoot({ service: SCHEDULER_SERVICE }),
    LeaderModule.forRoot({
      useFactory: (config: SchedulerConfig) => ({
        lease: SCHEDULER_SERVICE,
        replicaId: config.schedulerId,
        leaseMs: config.leaseMs,
        pollMs: config.tickMs,
      }),
      inject: [SCHEDULER_CONFIG],
    }),
    LifecycleModule,
    CommandsModule,
  ],
})
export class SchedulerModule {}
