// First: the tracing instrumentations patch http and pg only if they are loaded after it.
import '@anvil/telemetry/register';
import 'reflect-metadata';
import { bootstrapService, runService } from '@anvil/telemetry';
import { SERVICE_NAME, SubmitterModule } from './submitter.module';
import { loadSubmitterConfig } from './submitter.env';

runService(SERVICE_NAME, async () => {
  const config = loadSubmitterConfig();
  await bootstrapService({
    service: SERVICE_NAME,
    module: SubmitterModule,
    port: config.port,
    // Resolves `{submitterId}` in the handlers' subjects and durable names.
    microservice: { params: { submitterId: config.submitterId } },
  });
});
