import { Global, Module } from '@nestjs/common';
import { SCHEDULER_CONFIG } from './scheduler.constants';
import { loadSchedulerConfig } from './scheduler.env';

@Global()
@Module({
  providers: [{ provide: SCHEDULER_CONFIG, useFactory: () => loadSchedulerConfig() }],
  exports: [SCHEDULER_CONFIG],
})
export class SchedulerConfigModule {}
