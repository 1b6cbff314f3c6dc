import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Site history and job-detail retention. `queue_daily_rollups` sums jobs per queue × UTC day of submission ×
 * golden (whether the test's template version was golden), written by the ingester in the same transaction as
 * `job_rollups`, and kept for ever. `job_retention` holds the one boundary below which job detail has been dropped:
 * the ingester ignores events of jobs submitted before it (their partition is gone), and the partition maintenance
 * moves it forward in the transaction that drops the partitions.
 */
export class QueueDailyRollups1795960000000 implements MigrationInterface {
  name = 'QueueDailyRollups1795960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE queue_daily_rollups (
        queue_id text NOT NULL,
        day date NOT NULL,
        golden boolean NOT NULL,
        submitted integer NOT NULL DEFAULT 0,
        running integer NOT NULL DEFAULT 0,
        completed integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        cancelled integer NOT NULL DEFAULT 0,
        lost integer NOT NULL DEFAULT 0,
        total integer NOT NULL DEFAULT 0,
        wall_seconds_sum double precision NOT NULL DEFAULT 0,
        cpu_seconds_sum double precision NOT NULL DEFAULT 0,
        events_sum bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (queue_id, day, golden)
      )`);
    await q.query(`CREATE INDEX queue_daily_rollups_day_idx ON queue_daily_rollups (day, queue_id)`);
    // Backfill from the hourly rollups, so a database that already holds jobs starts with a complete history.
    await q.query(`
      INSERT INTO queue_daily_rollups (queue_id, day, golden, submitted, running, completed, failed, cancelled, lost,
        total, wall_seconds_sum, cpu_seconds_sum, events_sum)
      SELECT r.queue_id, (r.hour AT TIME ZONE 'UTC')::date, coalesce(tv.golden, false),
             sum(r.submitted), sum(r.running), sum(r.completed), sum(r.failed), sum(r.cancelled), sum(r.lost),
             sum(r.total), sum(r.wall_seconds_sum), sum(r.cpu_seconds_sum), sum(r.events_sum)
        FROM job_rollups r
        LEFT JOIN tests t ON t.id = r.test_id
        LEFT JOIN template_versions tv ON tv.template_id = t.template_id AND tv.version = t.template_version
       GROUP BY 1, 2, 3`);

    await q.query(`
      CREATE TABLE job_retention (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        retained_since timestamptz NOT NULL DEFAULT '-infinity',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO job_retention (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS job_retention`);
    await q.query(`DROP TABLE IF EXISTS queue_daily_rollups`);
  }
}
