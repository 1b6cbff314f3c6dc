import { Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { DatabaseModule, RedisModule } from '@anvil/db';
import { HealthModule, LoggingModule } from '@anvil/telemetry';
import { CommandsModule } from './commands/commands.module';
import { LeaderModule } from './leader/leader.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { SchedulerConfigModule } from './scheduler-config.module';
import { SCHEDULER_SERVICE } from './scheduler.constants';

@Module({
  imports: [
    LoggingModule.forRoot(SCHEDULER_SERVICE),
    HealthModule,
    SchedulerConfigModule,
    DatabaseModule.forRoot({ applicationName: SCHEDULER_SERVICE }),
    RedisModule.forRoot(),
    BusModule.forRoot({ service: SCHEDULER_SERVICE }),
    LeaderModule,
    LifecycleModule,
    CommandsModule,
  ],
})
export class SchedulerModule {}
