import { ConfigException } from '@anvil/config';
import type { DeciderConfig } from '../decider.env';
import type { QueueActuator } from './queue-actuator';
import { SlurmPartitionActuator, type SlurmPartitionActuatorSettings } from './slurm-partition.actuator';
import { SlurmSettingsException } from './slurm-settings.exception';
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

// The env variable of each Slurm actuator setting, for a startup error that names it.
const SLURM_SETTING_ENV: Record<keyof SlurmPartitionActuatorSettings, string> = {
  testGroup: 'ANVIL_DECIDER_SLURM_TEST_GROUP',
  onlineAllowGroups: 'ANVIL_DECIDER_SLURM_ONLINE_ALLOW_GROUPS',
  scontrolPath: 'ANVIL_DECIDER_SLURM_SCONTROL',
  timeoutMs: 'ANVIL_DECIDER_SLURM_TIMEOUT_MS',
};

function slurmActuator(config: DeciderConfig): SlurmPartitionActuator {
  try {
    return new SlurmPartitionActuator(config.slurm);
  } catch (error) {
    if (error instanceof SlurmSettingsException) {
      throw new ConfigException(SLURM_SETTING_ENV[error.setting], error.message);
    }
    throw error;
  }
}
