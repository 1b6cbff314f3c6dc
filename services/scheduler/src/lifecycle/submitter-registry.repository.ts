import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { REDIS, redisKey } from '@anvil/db';

/**
 * Submitter heartbeats: the sorted set `<ns>:anvil:submitters`, member = submitter id,
 * score = epoch ms of its last heartbeat (written by the submitters).
 */
@Injectable()
export class SubmitterRegistryRepository {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CORE_CONFIG) core: CoreConfig,
  ) {
    this.key = redisKey(core.namespace, 'submitters');
  }

  /** Submitters whose last heartbeat is at or after `now - deadMs`. */
  async live(now: number, deadMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.key, now - deadMs, '+inf');
  }
}
