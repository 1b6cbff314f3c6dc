import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Days of `jobs` partitions kept ready, from yesterday (UTC) on. */
const DAYS_AHEAD = 16;

/** Creates the daily partitions of `jobs` ahead of time (the function comes with the initial migration). */
@Injectable()
export class PartitionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Ensures the partitions under an advisory lock, so replicas do not race on the DDL; the lock is per schema
   * (several deployments or test schemas share a database). Returns the partitions created, or null when another
   * process held the lock.
   */
  async ensureJobPartitions(): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.anvil_ensure_job_partitions')) AS locked`,
      );
      if (!lock?.locked) {
        return null;
      }
      const [row] = await manager.query<{ created: number }[]>(
        `SELECT anvil_ensure_job_partitions((now() AT TIME ZONE 'UTC')::date - 1, $1) AS created`,
        [DAYS_AHEAD],
      );
      return row?.created ?? 0;
    });
  }
}
