import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { hashApiToken } from '@anvil/db';
import type { Identity } from './identity';
import { ApiTokenCache } from './api-token-cache';
import { ApiTokenLookupRepository } from './api-token-lookup.repository';
import { UnauthenticatedException } from './unauthenticated.exception';

// `last_used_at` is for people ("is this token still used?"): minute precision is plenty.
const TOUCH_EVERY_MS = 60_000;

/**
 * Turns an `anvil_…` bearer token into an identity, or a 401 when it is unknown, revoked or expired. A token's row
 * is read from PostgreSQL at most once per `API_TOKEN_CACHE_MS` per replica (`ApiTokenCache`).
 */
@Injectable()
export class ApiTokenAuthenticator implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ApiTokenAuthenticator.name);
  private readonly touching = new Map<string, Promise<void>>();

  constructor(
    private readonly tokens: ApiTokenLookupRepository,
    private readonly cache: ApiTokenCache,
  ) {}

  async authenticate(plaintext: string, now = new Date()): Promise<Identity> {
    const tokenHash = hashApiToken(plaintext);
    const token =
      this.cache.get(tokenHash) ?? (await this.cache.read(tokenHash, () => this.tokens.findByHash(tokenHash)));
    if (!token) {
      throw new UnauthenticatedException('holds an unknown API token', 'invalid_token');
    }
    if (token.revokedAt) {
      throw new UnauthenticatedException('holds a revoked API token', 'invalid_token');
    }
    if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
      throw new UnauthenticatedException('holds an expired API token', 'invalid_token');
    }
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
      this.touch(token.id);
      // The kept row too, or every request would touch it again until the row is read anew.
      token.lastUsedAt = now;
    }
    return { id: token.id, name: token.name, role: token.role, via: 'api-token' };
  }

  /** Off the request's path: the answer does not wait for the UPDATE, and one runs per token at a time. */
  private touch(id: string): void {
    if (this.touching.has(id)) {
      return;
    }
    const touched = this.tokens
      .touch(id)
      .catch((error: unknown) => {
        this.logger.warn(`last_used_at of API token ${id} not updated: ${String(error)}`);
      })
      .finally(() => this.touching.delete(id));
    this.touching.set(id, touched);
  }

  /** Before the database connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.touching.values());
  }
}
