import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '@anvil/bus';
import { INGESTER_CONFIG } from '../ingester.constants';
import type { IngesterConfig } from '../ingester.env';
import { IngesterMetrics } from '../metrics/ingester-metrics.service';
import { PartitionRepository } from './partition.repository';

/**
 * Keeps `jobs` partitions ready and drops expired ones: at start and every `partitionMaintenanceMs`. Whichever
 * replica takes the lock does the work; the others skip that round.
 */
@Injectable()
export class PartitionMaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PartitionMaintenanceService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly partitions: PartitionRepository,
    private readonly metrics: IngesterMetrics,
    @Inject(INGESTER_CONFIG) private readonly config: IngesterConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), this.config.partitionMaintenanceMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Never throws: rows outside every partition still land in `jobs_default`, so a failure here is not fatal. */
  run(): Promise<void> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(): Promise<void> {
    await this.attempt('create', async () => {
      const created = await this.partitions.ensureJobPartitions();
      if (created === null) {
        this.logger.debug('job partitions: another process is maintaining them');
      } else if (created > 0) {
        this.logger.log(`job partitions: created ${created}`);
      }
    });
    await this.attempt('drop expired', async () => {
      const dropped = await this.partitions.dropExpiredJobPartitions(this.config.jobRetentionDays);
      if (dropped !== null && dropped.length > 0) {
        this.metrics.increment('ingester_partitions_dropped_total', dropped.length);
        this.logger.log(
          `job partitions: dropped ${dropped.join(', ')} (older than ${this.config.jobRetentionDays} days; rollups kept)`,
        );
      }
    });
  }

  private async attempt(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`job partitions: ${what} failed: ${errorMessage(error)}`);
    }
  }
}
