// First: the tracing instrumentations patch http and pg only if they are loaded after it.
import '@anvil/telemetry/register';
import { bootstrapService, runService } from '@anvil/telemetry';
import { loadIngesterConfig } from './ingester.env';
import { IngesterModule } from './ingester.module';

runService('ingester', () =>
  bootstrapService({
    service: 'ingester',
    module: IngesterModule,
    port: loadIngesterConfig().port,
    microservice: true,
  }),
);
