import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { REDIS, redisKey } from '../nest/redis.module';
import { LEADER_OPTIONS, type LeaderOptions } from './leader.options';

// Take the lease when free (or already ours) and bump the fencing epoch; 0 when another replica holds it.
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) or redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return redis.call('INCR', KEYS[2])
end
return 0`;

// Extend the lease only if it is still ours: a replica never extends a lease another one took.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(redis.call('GET', KEYS[2]) or '0')
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** A leader lease in Redis: `<ns>:anvil:<lease>:leader` = replica id, with a fencing epoch counter. */
@Injectable()
export class LeaderLeaseRepository {
  private readonly leaseKey: string;
  private readonly epochKey: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CORE_CONFIG) core: CoreConfig,
    @Inject(LEADER_OPTIONS) options: LeaderOptions,
  ) {
    this.leaseKey = redisKey(core.namespace, options.lease, 'leader');
    this.epochKey = redisKey(core.namespace, options.lease, 'leader-epoch');
  }

  /** The new epoch when the lease is now ours, `null` when another replica holds it. */
  async acquire(replicaId: string, leaseMs: number): Promise<number | null> {
    const epoch = Number(await this.redis.eval(ACQUIRE, 2, this.leaseKey, this.epochKey, replicaId, String(leaseMs)));
    return epoch > 0 ? epoch : null;
  }

  /** The current epoch when the lease was still ours and is extended, `null` when it is lost. */
  async renew(replicaId: string, leaseMs: number): Promise<number | null> {
    const epoch = Number(await this.redis.eval(RENEW, 2, this.leaseKey, this.epochKey, replicaId, String(leaseMs)));
    return epoch > 0 ? epoch : null;
  }

  /** Gives the lease up (if ours) so the standby need not wait for it to expire. */
  async release(replicaId: string): Promise<boolean> {
    return Number(await this.redis.eval(RELEASE, 1, this.leaseKey, replicaId)) === 1;
  }
}
