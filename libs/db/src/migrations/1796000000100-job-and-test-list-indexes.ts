import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the API's lists (issue 6):
 * - `jobs (test_id, submitted_at, id)`: the jobs of a test, newest first, one keyset page at a time (the existing
 *   `(test_id, queue_id, submitted_at)` serves a test *and* a queue, not a test alone). No index on `jobs` may
 *   hold `state`: a state change must stay a heap-only update (migration 1795960000002).
 * - `tests (start_at DESC, id)`: the test list without a filter, in its order (newest start first, then id).
 * - `tests (template_id, start_at)`, `tests (created_at)` and `test_queues (queue_id, test_id)`: the test list's
 *   filters on template, creation time and queue.
 *
 * Every index is built without blocking writers, so none of this runs in a transaction: `CREATE INDEX
 * CONCURRENTLY` on the plain tables; on `jobs` an index on the parent only (invalid until every partition has one),
 * then each partition's built concurrently and attached. Every step is idempotent, and a concurrent build that
 * stopped half-way leaves an invalid index that the next run drops and builds again. Partitions created later get
 * the index from the parent.
 */
export class JobAndTestListIndexes1796000000100 implements MigrationInterface {
  name = 'JobAndTestListIndexes1796000000100';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexConcurrently(q, 'tests_start_at_idx', 'tests', 'start_at DESC, id');
    await createIndexConcurrently(q, 'tests_template_idx', 'tests', 'template_id, start_at');
    await createIndexConcurrently(q, 'tests_created_at_idx', 'tests', 'created_at');
    await createIndexConcurrently(q, 'test_queues_queue_idx', 'test_queues', 'queue_id, test_id');

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
      await createIndexConcurrently(q, index, name, 'test_id, submitted_at, id');
      await q.query(`ALTER INDEX jobs_test_time_idx ATTACH PARTITION ${quoteIdent(index)}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // TypeORM reverts in a transaction whatever `transaction` says, so no `CONCURRENTLY` here. Dropping the
    // partitioned index drops the partitions' indexes too.
    await q.query(`DROP INDEX IF EXISTS jobs_test_time_idx`);
    await q.query(`DROP INDEX IF EXISTS test_queues_queue_idx`);
    await q.query(`DROP INDEX IF EXISTS tests_created_at_idx`);
    await q.query(`DROP INDEX IF EXISTS tests_template_idx`);
    await q.query(`DROP INDEX IF EXISTS tests_start_at_idx`);
  }
}

/**
 * Builds `index` on `table (columns)` without blocking writers. A concurrent build that failed leaves an invalid
 * index behind, which `IF NOT EXISTS` would keep: drop it first and build it again.
 */
async function createIndexConcurrently(q: QueryRunner, index: string, table: string, columns: string): Promise<void> {
  await q.query(`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass(${quoteLiteral(index)}) AND NOT indisvalid)
      THEN EXECUTE 'DROP INDEX ${quoteIdent(index)}';
      END IF;
    END $$`);
  await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(index)} ON ${quoteIdent(table)} (${columns})`);
}

// Partition names come from the catalogue (`jobs_p20300101`, `jobs_default`); every name is quoted all the same.
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${quoteIdent(text).replace(/'/g, "''")}'`;
}
