import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { REDIS, redisKey } from '@anvil/db';
import { rateLimitDecision, type RateLimitDecision } from './rate-limit-decision';
import { TOKEN_BUCKET_SCRIPT } from './token-bucket.script';
import { withDeadline } from '../common/with-deadline.util';

const SCRIPT_SHA = createHash('sha1').update(TOKEN_BUCKET_SCRIPT).digest('hex');
// A request waits at most this long for Redis before it is let through uncounted.
const REDIS_TIMEOUT_MS = 250;
const WARN_EVERY_MS = 30_000;

export type RateLimitKind = 'read' | 'write';

/**
 * Token buckets in Redis, one per identity and kind. Redis is a cache (docs/ARCHITECTURE): when it is down or
 * slow, requests go through uncounted and a warning is logged (at most every 30 s).
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private lastWarning = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CORE_CONFIG) private readonly core: CoreConfig,
  ) {}

  /** Takes one request from `subject`'s bucket; null when Redis could not count it. */
  async take(kind: RateLimitKind, subject: string, limit: number): Promise<RateLimitDecision | null> {
    if (this.redis.status !== 'ready') {
      this.warn(`Redis is ${this.redis.status}`);
      return null;
    }
    const key = redisKey(this.core.namespace, 'rate-limit', kind, subject);
    try {
      const [allowed, tokens] = await withDeadline(this.run(key, limit), REDIS_TIMEOUT_MS);
      return rateLimitDecision(allowed === 1, limit, Number(tokens));
    } catch (error) {
      this.warn(error instanceof Error ? error.message : String(error));
      return null;
    }
  }

  private async run(key: string, limit: number): Promise<[number, string]> {
    try {
      return (await this.redis.evalsha(SCRIPT_SHA, 1, key, limit)) as [number, string];
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return (await this.redis.eval(TOKEN_BUCKET_SCRIPT, 1, key, limit)) as [number, string];
      }
      throw error;
    }
  }

  private warn(cause: string): void {
    const now = Date.now();
    if (now - this.lastWarning >= WARN_EVERY_MS) {
      this.lastWarning = now;
      this.logger.warn(`rate limits not enforced, Redis unavailable: ${cause}`);
    }
  }
}
