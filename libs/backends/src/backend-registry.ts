import type { Backend } from './backend';
import type { BackendName } from './backend-name';
import { BackendUnavailableException } from './backend-unavailable.exception';
import type { KubernetesBackendOptions } from './kubernetes/kubernetes-backend';
import { LocalBackend, type LocalBackendOptions } from './local/local-backend';
import { PandaBackend, type PandaBackendOptions } from './panda/panda-backend';
import { SimBackend, type SimBackendOptions } from './sim/sim-backend';
import { SlurmBackend, type SlurmBackendOptions } from './slurm/slurm-backend';

/**
 * Settings of every backend, by name; a backend is created only when its queues are used. A backend whose
 * settings are absent is unavailable; `missing` says which settings would make it available.
 */
export interface BackendSettings {
  readonly sim?: SimBackendOptions;
  readonly local?: LocalBackendOptions;
  readonly slurm?: SlurmBackendOptions;
  readonly panda?: PandaBackendOptions;
  readonly kubernetes?: KubernetesBackendOptions;
  readonly missing?: Partial<Record<BackendName, string>>;
}

function settingsOf<T>(name: BackendName, settings: BackendSettings, value: T | undefined): T {
  if (value === undefined) {
    throw new BackendUnavailableException(
      name,
      `is not configured: ${settings.missing?.[name] ?? 'no settings given'}`,
    );
  }
  return value;
}

/** The one place that maps a backend name to its implementation. */
export function createBackend(name: BackendName, settings: BackendSettings): Backend {
  switch (name) {
    case 'sim':
      return new SimBackend(settingsOf(name, settings, settings.sim));
    case 'local':
      return new LocalBackend(settingsOf(name, settings, settings.local));
    case 'slurm':
      return new SlurmBackend(settingsOf(name, settings, settings.slurm));
    case 'panda':
      return new PandaBackend(settingsOf(name, settings, settings.panda));
    case 'kubernetes': {
      // Loaded on first use: the Kubernetes client takes about 0.4 s to load, and most processes never need it.
      const { KubernetesBackend } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('./kubernetes/kubernetes-backend') as typeof import('./kubernetes/kubernetes-backend');
      return new KubernetesBackend(settingsOf(name, settings, settings.kubernetes));
    }
  }
}
