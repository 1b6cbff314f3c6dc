import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { BackendUnavailableException, createBackend, isBackendName, type Backend } from '@anvil/backends';
import { SUBMITTER_CONFIG } from '../submitter-config.constant';
import type { SubmitterConfig } from '../submitter.env';

/** One instance per backend for the whole process, created on first use (every keeper shares the simulated grid). */
@Injectable()
export class BackendPoolService implements OnApplicationShutdown {
  private readonly logger = new Logger(BackendPoolService.name);
  private readonly backends = new Map<string, Backend | null>();

  constructor(@Inject(SUBMITTER_CONFIG) private readonly config: SubmitterConfig) {}

  /** The backend called `name`, or null (logged once) when this build cannot drive it. */
  get(name: string): Backend | null {
    const known = this.backends.get(name);
    if (known !== undefined) {
      return known;
    }
    let backend: Backend | null = null;
    try {
      if (!isBackendName(name)) {
        throw new BackendUnavailableException(name, 'is not a known backend');
      }
      backend = createBackend(name, { sim: { seed: this.config.simSeed } });
      this.logger.log({ backend: name }, 'backend ready');
    } catch (error) {
      this.logger.error(
        { err: error, backend: name },
        'backend unavailable: its queues get no jobs from this submitter',
      );
    }
    this.backends.set(name, backend);
    return backend;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const backend of this.backends.values()) {
      await backend?.close?.();
    }
  }
}
