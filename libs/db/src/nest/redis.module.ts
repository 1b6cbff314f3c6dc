import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { loadCoreConfig } from '@anvil/config';

/** Injection token of the process's ioredis client. */
export const REDIS = Symbol('REDIS');

/** Redis key under the deployment's namespace: `<ns>:anvil:<parts>` (or `anvil:<parts>`). */
export function redisKey(namespace: string, ...parts: string[]): string {
  return [...(namespace ? [namespace] : []), 'anvil', ...parts].join(':');
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'ready') {
      // Not connected (Redis down): a QUIT would wait in the offline queue while the client keeps reconnecting.
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis is a cache and coordination store (leases, heartbeats, live counters): losing it loses no data. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS, useFactory: () => new Redis(loadCoreConfig().redisUrl, { maxRetriesPerRequest: 3 }) },
        RedisCloser,
      ],
      exports: [REDIS],
    };
  }
}
