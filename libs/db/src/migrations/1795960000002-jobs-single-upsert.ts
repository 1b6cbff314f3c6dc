import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the ingester's one-statement write (`INSERT … ON CONFLICT DO UPDATE`): `jobs.prev_state`, the state a job
 * had before its last change, set by that same statement so it can return it (rollup deltas need the state a job
 * left; PostgreSQL 15's RETURNING only sees the new row). And room in each page of `jobs` (fillfactor 70), so a
 * state change is usually a heap-only update that does not touch the indexes: new partitions get it from
 * `anvil_ensure_job_partitions`, existing ones from here (it applies to pages written from now on). The rollup
 * tables, updated in place by every batch, get the same room.
 */
export class JobsSingleUpsert1795960000002 implements MigrationInterface {
  name = 'JobsSingleUpsert1795960000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE jobs ADD COLUMN prev_state text
        CHECK (prev_state IN ('submitted', 'running', 'completed', 'failed', 'cancelled', 'lost'))`);
    await q.query(ENSURE_PARTITIONS.replace('%FILL%', ' WITH (fillfactor = 70)'));
    await q.query(SET_FILLFACTOR.replace('%FILL%', '70'));
    await q.query(`ALTER TABLE job_rollups SET (fillfactor = 70)`);
    await q.query(`ALTER TABLE queue_daily_rollups SET (fillfactor = 70)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE queue_daily_rollups RESET (fillfactor)`);
    await q.query(`ALTER TABLE job_rollups RESET (fillfactor)`);
    await q.query(SET_FILLFACTOR.replace('%FILL%', '100'));
    await q.query(ENSURE_PARTITIONS.replace('%FILL%', ''));
    await q.query(`ALTER TABLE jobs DROP COLUMN IF EXISTS prev_state`);
  }
}

// The initial migration's function, with the storage clause in %FILL%.
const ENSURE_PARTITIONS = `
  CREATE OR REPLACE FUNCTION anvil_ensure_job_partitions(first_day date, days integer) RETURNS integer
  LANGUAGE plpgsql AS $$
  DECLARE
    d date;
    created integer := 0;
    part text;
  BEGIN
    FOR i IN 0 .. days - 1 LOOP
      d := first_day + i;
      part := 'jobs_p' || to_char(d, 'YYYYMMDD');
      IF to_regclass(quote_ident(current_schema()) || '.' || part) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF jobs FOR VALUES FROM (%L) TO (%L)%FILL%',
          part, d::timestamptz, (d + 1)::timestamptz);
        created := created + 1;
      END IF;
    END LOOP;
    RETURN created;
  END $$`;

const SET_FILLFACTOR = `
  DO $$
  DECLARE
    part regclass;
  BEGIN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'jobs'::regclass LOOP
      EXECUTE format('ALTER TABLE %s SET (fillfactor = %FILL%)', part);
    END LOOP;
  END $$`;
