import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Days of `jobs` partitions kept ready, from yesterday (UTC) on. */
const DAYS_AHEAD = 16;
const DAILY_PARTITION = /^jobs_p(\d{4})(\d{2})(\d{2})$/;

/**
 * The daily partitions of `jobs`: created ahead of time (the function comes with the initial migration), and
 * dropped once older than the retention. Both run under one advisory lock per schema, so replicas never race on
 * the DDL (several deployments or test schemas share a database); each returns null when another process held it.
 */
@Injectable()
export class PartitionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Ensures the partitions from yesterday to two weeks ahead; returns how many it created. */
  async ensureJobPartitions(): Promise<number | null> {
    return this.underLock(async (manager) => {
      const [row] = await manager.query<{ created: number }[]>(
        `SELECT anvil_ensure_job_partitions((now() AT TIME ZONE 'UTC')::date - 1, $1) AS created`,
        [DAYS_AHEAD],
      );
      return row?.created ?? 0;
    });
  }

  /**
   * Drops the detail of jobs submitted before the UTC day `retentionDays` before today: moves the retention
   * boundary there first (the ingester stops storing jobs older than it, so a late event cannot come back as a new
   * job and be counted twice), then detaches and drops each daily partition wholly before it and deletes older rows
   * that landed in `jobs_default`. Rollups are untouched. Returns the partitions dropped, oldest first.
   */
  async dropExpiredJobPartitions(retentionDays: number): Promise<string[] | null> {
    return this.underLock(async (manager) => {
      const [boundary] = await manager.query<{ cutoff: string }[]>(
        `WITH moved AS (
           UPDATE job_retention
              SET retained_since = greatest(retained_since,
                    ((now() AT TIME ZONE 'UTC')::date - $1::integer)::timestamptz),
                  updated_at = now()
            WHERE id = 1
           RETURNING retained_since)
         SELECT to_char(retained_since, 'YYYYMMDD') AS cutoff FROM moved`,
        [retentionDays],
      );
      if (boundary === undefined) {
        throw new Error('job_retention has no row: run the migrations');
      }
      const expired = (await this.dailyPartitions(manager)).filter((name) => name.slice(6) < boundary.cutoff);
      for (const name of expired) {
        await manager.query(`ALTER TABLE jobs DETACH PARTITION "${name}"`);
        await manager.query(`DROP TABLE "${name}"`);
      }
      await manager.query(
        `DELETE FROM jobs_default WHERE submitted_at < (SELECT retained_since FROM job_retention WHERE id = 1)`,
      );
      return expired;
    });
  }

  /** The daily partitions of `jobs` in this schema, oldest first. */
  private async dailyPartitions(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'jobs'::regclass ORDER BY 1`,
    );
    return rows.map((row) => row.name).filter((name) => DAILY_PARTITION.test(name));
  }

  private underLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.anvil_ensure_job_partitions')) AS locked`,
      );
      return lock?.locked ? work(manager) : null;
    });
  }
}
