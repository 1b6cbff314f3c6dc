import type { SlurmPartitionActuatorSettings } from './slurm-partition.actuator';

/** A setting of the Slurm actuator is unusable; `setting` names it, so the caller can name its env variable. */
export class SlurmSettingsException extends Error {
  constructor(
    readonly setting: keyof SlurmPartitionActuatorSettings,
    message: string,
  ) {
    super(message);
    this.name = 'SlurmSettingsException';
  }
}
