import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `tests.queue_count`: the test's rows in `test_queues`, for the test list. Counting them per request read 1,000
 * index entries per test (50,000 for a page of 50 tests of 1,000 queues: 5-10 ms of a 20 ms budget). Kept by a
 * statement-level trigger on `test_queues`, so every writer (the scheduler creates a test's queues in the test's
 * transaction) keeps it right without knowing about it.
 */
export class TestQueueCount1795960000001 implements MigrationInterface {
  name = 'TestQueueCount1795960000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tests ADD COLUMN queue_count integer NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE tests t SET queue_count = c.n
        FROM (SELECT test_id, count(*)::int AS n FROM test_queues GROUP BY test_id) c
       WHERE c.test_id = t.id`);
    await q.query(`
      CREATE FUNCTION anvil_count_test_queues() RETURNS trigger
      LANGUAGE plpgsql
      -- The schema's own tests table, whatever the search path of the session writing test_queues.
      SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE tests SET queue_count = 0 WHERE queue_count <> 0;
          RETURN NULL;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE tests t SET queue_count = t.queue_count - d.n
            FROM (SELECT test_id, count(*)::int AS n FROM old_rows GROUP BY test_id) d
           WHERE t.id = d.test_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE tests t SET queue_count = t.queue_count + d.n
            FROM (SELECT test_id, count(*)::int AS n FROM new_rows GROUP BY test_id) d
           WHERE t.id = d.test_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER test_queues_count_insert AFTER INSERT ON test_queues
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION anvil_count_test_queues()`);
    await q.query(`
      CREATE TRIGGER test_queues_count_delete AFTER DELETE ON test_queues
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION anvil_count_test_queues()`);
    await q.query(`
      CREATE TRIGGER test_queues_count_update AFTER UPDATE ON test_queues
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION anvil_count_test_queues()`);
    await q.query(`
      CREATE TRIGGER test_queues_count_truncate AFTER TRUNCATE ON test_queues
      FOR EACH STATEMENT EXECUTE FUNCTION anvil_count_test_queues()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS test_queues_count_truncate ON test_queues`);
    await q.query(`DROP TRIGGER IF EXISTS test_queues_count_update ON test_queues`);
    await q.query(`DROP TRIGGER IF EXISTS test_queues_count_delete ON test_queues`);
    await q.query(`DROP TRIGGER IF EXISTS test_queues_count_insert ON test_queues`);
    await q.query(`DROP FUNCTION IF EXISTS anvil_count_test_queues()`);
    await q.query(`ALTER TABLE tests DROP COLUMN IF EXISTS queue_count`);
  }
}
