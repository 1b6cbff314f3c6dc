import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { REDIS, redisKey } from '@anvil/db';

/**
 * Submitter heartbeats: the sorted set `<ns>:anvil:submitters`, member = submitter id, score = epoch ms of its
 * last heartbeat. The scheduler treats a submitter as alive while its score is recent.
 */
@Injectable()
export class HeartbeatRepository {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CORE_CONFIG) core: CoreConfig,
  ) {
    this.key = redisKey(core.namespace, 'submitters');
  }

  async beat(submitterId: string, nowMs: number): Promise<void> {
    await this.redis.zadd(this.key, nowMs, submitterId);
  }

  async remove(submitterId: string): Promise<void> {
    await this.redis.zrem(this.key, submitterId);
  }

  /** Last heartbeat of `submitterId` in epoch ms, or null. */
  async lastBeat(submitterId: string): Promise<number | null> {
    const score = await this.redis.zscore(this.key, submitterId);
    return score === null ? null : Number(score);
  }
}
