import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PartitionRepository } from './partition.repository';

const INTERVAL_MS = 3_600_000;

/** Keeps `jobs` partitions ready: at start and every hour. Dropping old partitions (retention) is separate. */
@Injectable()
export class PartitionMaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PartitionMaintenanceService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly partitions: PartitionRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Never throws: rows outside every partition still land in `jobs_default`, so a failure here is not fatal. */
  async run(): Promise<void> {
    try {
      const created = await this.partitions.ensureJobPartitions();
      if (created === null) {
        this.logger.debug('job partitions: another process is maintaining them');
      } else if (created > 0) {
        this.logger.log(`job partitions: created ${created}`);
      }
    } catch (error) {
      this.logger.error(
        `job partitions: maintenance failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
