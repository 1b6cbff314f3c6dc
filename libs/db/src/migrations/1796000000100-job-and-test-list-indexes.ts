import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the API's lists (issue 6):
 * - `jobs (test_id, submitted_at, id)`: the jobs of a test, newest first, one keyset page at a time (the existing
 *   `(test_id, queue_id, submitted_at)` serves a test *and* a queue, not a test alone). No index on `jobs` may
 *   hold `state`: a state change must stay a heap-only update (migration 1795960000002).
 * - `tests (template_id, start_at)`, `tests (created_at)` and `test_queues (queue_id, test_id)`: the test list's
 *   filters on template, creation time and queue.
 *
 * `jobs` is large and written all the time, so its index is built without blocking the ingester: an index on the
 * parent only (invalid until every partition has one), then each partition's built `CONCURRENTLY` and attached.
 * That cannot run in a transaction; every step is idempotent, so a run that stopped half-way is finished by the
 * next. Partitions created later get the index from the parent.
 */
export class JobAndTestListIndexes1796000000100 implements MigrationInterface {
  name = 'JobAndTestListIndexes1796000000100';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS tests_template_idx ON tests (template_id, start_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS tests_created_at_idx ON tests (created_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS test_queues_queue_idx ON test_queues (queue_id, test_id)`);

    await q.query(`CREATE INDEX IF NOT EXISTS jobs_test_time_idx ON ONLY jobs (test_id, submitted_at, id)`);
    const partitions = (await q.query(`
      SELECT c.relname AS name
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'jobs'::regclass
         AND NOT EXISTS (SELECT 1 FROM pg_inherits ii
                          WHERE ii.inhparent = 'jobs_test_time_idx'::regclass
                            AND ii.inhrelid IN (SELECT indexrelid FROM pg_index WHERE indrelid = c.oid))
       ORDER BY c.relname`)) as { name: string }[];
    for (const { name } of partitions) {
      const index = `${name}_test_time_idx`;
      // A concurrent build that failed leaves an invalid index behind: build it again.
      await q.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass(${quoteLiteral(index)}) AND NOT indisvalid)
          THEN EXECUTE 'DROP INDEX ${quoteIdent(index)}';
          END IF;
        END $$`);
      await q.query(
        `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(index)} ON ${quoteIdent(name)} (test_id, submitted_at, id)`,
      );
      await q.query(`ALTER INDEX jobs_test_time_idx ATTACH PARTITION ${quoteIdent(index)}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS jobs_test_time_idx`);
    await q.query(`DROP INDEX IF EXISTS test_queues_queue_idx`);
    await q.query(`DROP INDEX IF EXISTS tests_created_at_idx`);
    await q.query(`DROP INDEX IF EXISTS tests_template_idx`);
  }
}

// Partition names come from the catalogue (`jobs_p20300101`, `jobs_default`), quoted all the same.
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${quoteIdent(text).replace(/'/g, "''")}'`;
}
