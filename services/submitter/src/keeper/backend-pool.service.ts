import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import {
  BackendUnavailableException,
  createBackend,
  isBackendName,
  type Backend,
  type BackendSettings,
} from '@anvil/backends';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { REDIS, redisKey } from '@anvil/db';
import { SUBMITTER_CONFIG } from '../submitter-config.constant';
import type { SubmitterConfig } from '../submitter.env';
import { backendSettings } from './backend-settings.util';

/** One instance per backend for the whole process, created on first use. */
@Injectable()
export class BackendPoolService implements OnApplicationShutdown {
  private readonly logger = new Logger(BackendPoolService.name);
  private readonly backends = new Map<string, Backend | null>();

  private readonly settings: BackendSettings;

  constructor(
    @Inject(SUBMITTER_CONFIG) config: SubmitterConfig,
    @Inject(CORE_CONFIG) core: CoreConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.settings = backendSettings(config, redis, redisKey(core.namespace, 'sim'));
  }

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
      backend = createBackend(name, this.settings);
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
