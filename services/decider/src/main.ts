// First: the tracing instrumentations patch http and pg only if they are loaded after it.
import '@anvil/telemetry/register';
import 'reflect-metadata';
import { loadPolicySource } from '@anvil/policy';
import { bootstrapService, runService } from '@anvil/telemetry';
import { createExternalActuators } from './actuators/external-actuators';
import { DECIDER_SERVICE } from './decider.constants';
import { loadDeciderConfig } from './decider.env';
import { DeciderModule } from './decider.module';

runService(DECIDER_SERVICE, async () => {
  // Settings, the policy document and the actuators are checked before anything starts: a bad one stops the
  // process with a message naming the setting or the policy field.
  const config = loadDeciderConfig();
  loadPolicySource(config.policySource);
  createExternalActuators(config);
  await bootstrapService({ service: DECIDER_SERVICE, module: DeciderModule, port: config.port });
});
