import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { errorMessage } from '@anvil/bus';
import { SHIPPER_CONFIG } from '../shipper.constants';
import type { ShipperConfig } from '../shipper.env';
import { familyPattern } from './daily-index.util';
import { expiredIndices } from './expired-indices.util';
import { IndexAdminRepository } from './index-admin.repository';
import { INDEX_FAMILIES } from './index-family';
import { RETENTION_SWEEP_INTERVAL_MS } from './setup.constants';

/**
 * Retention without the ISM plugin: deletes the daily indices of the shipper's prefix that are past
 * `retentionDays`, once at start and then every hour. Several shipper replicas may all do it: deleting is idempotent.
 */
@Injectable()
export class RetentionService implements OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly admin: IndexAdminRepository,
    @Inject(SHIPPER_CONFIG) private readonly config: ShipperConfig,
  ) {}

  /** Starts the hourly sweep (the first one now, in the background), saying `why` once. Idempotent. */
  startSweeping(why: string): void {
    if (this.timer !== undefined) {
      return;
    }
    this.logger.log(
      { retentionDays: this.config.retentionDays, intervalMs: RETENTION_SWEEP_INTERVAL_MS },
      `${why}: the shipper deletes expired daily indices itself, at start and every hour`,
    );
    this.timer = setInterval(() => this.sweepInBackground(), RETENTION_SWEEP_INTERVAL_MS);
    this.timer.unref();
    this.sweepInBackground();
  }

  /** Deletes the expired daily indices of the prefix; returns their names. */
  async sweep(now = new Date()): Promise<string[]> {
    const prefix = this.config.indexPrefix;
    const names = await this.admin.listIndices(INDEX_FAMILIES.map((family) => familyPattern(prefix, family)));
    const expired = expiredIndices(prefix, names, this.config.retentionDays, now);
    for (const name of expired) {
      await this.admin.deleteIndex(name);
    }
    if (expired.length > 0) {
      this.logger.log({ indices: expired, retentionDays: this.config.retentionDays }, 'deleted expired daily indices');
    }
    return expired;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private sweepInBackground(): void {
    // One sweep at a time: a slow cluster must not pile them up.
    this.sweeping ??= this.sweep()
      .then(
        () => undefined,
        (error: unknown) =>
          this.logger.warn({ err: errorMessage(error) }, 'deleting expired daily indices failed; next try in an hour'),
      )
      .finally(() => (this.sweeping = undefined));
  }
}
