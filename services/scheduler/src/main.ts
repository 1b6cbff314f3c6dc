// First: the tracing instrumentations patch http and pg only if they are loaded after it.
import '@anvil/telemetry/register';
import 'reflect-metadata';
import { bootstrapService, runService } from '@anvil/telemetry';
import { SCHEDULER_SERVICE } from './scheduler.constants';
import { SchedulerModule } from './scheduler.module';
import { loadSchedulerConfig } from './scheduler.env';

runService(SCHEDULER_SERVICE, async () => {
  const config = loadSchedulerConfig();
  await bootstrapService({
    service: SCHEDULER_SERVICE,
    module: SchedulerModule,
    port: config.port,
    microservice: true,
  });
});
