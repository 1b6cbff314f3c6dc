import { ConfigException } from '@anvil/config';
import type { DeciderConfig } from '../decider.env';
import type { QueueActuator } from './queue-actuator';
import { SlurmPartitionActuator } from './slurm-partition.actuator';
import { WebhookActuator } from './webhook.actuator';

/** Injection token of the enabled actuators besides queue-status (applied after commit by ActuationWorker). */
export const EXTERNAL_ACTUATORS = Symbol('EXTERNAL_ACTUATORS');

/** The enabled external actuators; invalid actuator settings stop startup naming the setting. */
export function createExternalActuators(config: DeciderConfig): QueueActuator[] {
  const actuators: QueueActuator[] = [];
  for (const name of config.actuators) {
    switch (name) {
      case 'queue-status':
        // Built in: applied inside each batch's transaction.
        break;
      case 'webhook':
        actuators.push(new WebhookActuator(config.webhookUrl, config.webhookTimeoutMs));
        break;
      case 'slurm':
        actuators.push(slurmActuator(config));
        break;
    }
  }
  return actuators;
}

function slurmActuator(config: DeciderConfig): SlurmPartitionActuator {
  try {
    return new SlurmPartitionActuator(config.slurm);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const setting = message.includes('onlineAllowGroups')
      ? 'ANVIL_DECIDER_SLURM_ONLINE_ALLOW_GROUPS'
      : message.includes('timeoutMs')
        ? 'ANVIL_DECIDER_SLURM_TIMEOUT_MS'
        : 'ANVIL_DECIDER_SLURM_TEST_GROUP';
    throw new ConfigException(setting, message);
  }
}
