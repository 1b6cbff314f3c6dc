import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { CORE_CONFIG, type CoreConfig } from '@anvil/config';
import { REDIS, redisKey } from '@anvil/db';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig } from '../gateway.env';
import type {
  IdempotencyEntry,
  IdempotencyFinish,
  IdempotencyReservation,
  IdempotencySlot,
  ReplayedHeaders,
} from './idempotency-entry';
import { RESERVATION_TTL_SECONDS } from './idempotency-reservation.constant';
import { IdempotencyStoreUnavailableException } from './idempotency-store-unavailable.exception';
import { FINISH_SCRIPT, RENEW_SCRIPT, RESERVE_SCRIPT } from './idempotency-store.scripts';
import { withDeadline } from '../common/with-deadline.util';

// A request waits at most this long for each Redis call.
const REDIS_TIMEOUT_MS = 1000;

/**
 * Idempotency keys in Redis, `<ns>:anvil:idempotency:<sha256(scope, key)>`: a reservation while the first request
 * runs (RESERVATION_TTL_SECONDS, renewed while it runs), then its answer for ANVIL_IDEMPOTENCY_TTL_SECONDS. Every call throws `IdempotencyStoreUnavailableException`
 * when Redis does not answer.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CORE_CONFIG) private readonly core: CoreConfig,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  slot(scope: string, key: string): IdempotencySlot {
    const digest = createHash('sha256').update(`${scope}\n${key}`, 'utf8').digest('hex');
    return { key: redisKey(this.core.namespace, 'idempotency', digest), owner: randomUUID() };
  }

  /** Reserves the key for this request, or says what another request left there. */
  async reserve(slot: IdempotencySlot, fingerprint: string): Promise<IdempotencyReservation> {
    const found = await this.call<string | null>(() =>
      this.redis.eval(RESERVE_SCRIPT, 1, slot.key, reservation(slot, fingerprint), RESERVATION_TTL_SECONDS),
    );
    return found === null ? { state: 'reserved' } : decode(found);
  }

  /** Extends this request's reservation by RESERVATION_TTL_SECONDS; false when the key holds anything else. */
  async renew(slot: IdempotencySlot, fingerprint: string): Promise<boolean> {
    const renewed = await this.call<number>(() =>
      this.redis.eval(RENEW_SCRIPT, 1, slot.key, reservation(slot, fingerprint), RESERVATION_TTL_SECONDS),
    );
    return renewed === 1;
  }

  /** Stores this request's answer and the headers a replay sends for the TTL, unless another holds the key now. */
  async complete(
    slot: IdempotencySlot,
    fingerprint: string,
    status: number,
    body: unknown,
    headers: ReplayedHeaders = {},
  ): Promise<IdempotencyFinish> {
    const done: IdempotencyEntry = { state: 'done', fingerprint, status, body, headers };
    return this.call<IdempotencyFinish>(() =>
      this.redis.eval(
        FINISH_SCRIPT,
        1,
        slot.key,
        slot.owner,
        encode(slot.owner, done),
        this.config.idempotencyTtlSeconds,
      ),
    );
  }

  /** Frees the key (when still this request's), so a retry runs again. */
  async release(slot: IdempotencySlot): Promise<IdempotencyFinish> {
    return this.call<IdempotencyFinish>(() => this.redis.eval(FINISH_SCRIPT, 1, slot.key, slot.owner, '', 0));
  }

  private async call<T>(command: () => Promise<unknown>): Promise<T> {
    // Not connected: ioredis would queue the command until it reconnects; the caller should not wait for that.
    if (this.redis.status !== 'ready') {
      throw new IdempotencyStoreUnavailableException(`Redis is ${this.redis.status}`);
    }
    try {
      return (await withDeadline(command(), REDIS_TIMEOUT_MS)) as T;
    } catch (error) {
      throw new IdempotencyStoreUnavailableException(error instanceof Error ? error.message : String(error));
    }
  }
}

/** A running request's reservation, exactly as stored (renewal compares it whole). */
function reservation(slot: IdempotencySlot, fingerprint: string): string {
  return encode(slot.owner, { state: 'running', fingerprint });
}

function encode(owner: string, entry: IdempotencyEntry): string {
  return `${owner} ${JSON.stringify(entry)}`;
}

function decode(stored: string): IdempotencyEntry {
  return JSON.parse(stored.slice(stored.indexOf(' ') + 1)) as IdempotencyEntry;
}
