import type { Backend } from './backend';
import type { BackendName } from './backend-name';
import { BackendUnavailableException } from './backend-unavailable.exception';
import { SimBackend, type SimBackendOptions } from './sim/sim-backend';

/** Settings of every backend, by name; a backend is created only when its queues are used. */
export interface BackendSettings {
  readonly sim?: SimBackendOptions;
}

/** The one place that maps a backend name to its implementation. */
export function createBackend(name: BackendName, settings: BackendSettings): Backend {
  switch (name) {
    case 'sim':
      if (settings.sim === undefined) {
        throw new BackendUnavailableException(name, 'needs its settings (seed)');
      }
      return new SimBackend(settings.sim);
    case 'local':
    case 'slurm':
    case 'panda':
    case 'kubernetes':
      throw new BackendUnavailableException(name);
  }
}
