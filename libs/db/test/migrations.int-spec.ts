import { createTestDatabase, type TestDatabase } from '@anvil/testing';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates jobs as a range-partitioned table with daily partitions around today', async () => {
    const [{ strategy }] = await db.dataSource.query(
      `SELECT partstrat AS strategy FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'jobs' AND n.nspname = $1`,
      [db.options.schema],
    );
    expect(strategy).toBe('r');
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const parts = await db.dataSource.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
      [db.options.schema, `jobs_p${today}`],
    );
    expect(parts).toHaveLength(1);
  });

  it('routes a job row into the partition of its submission day', async () => {
    await db.dataSource.query(
      `INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, state)
       VALUES (gen_random_uuid(), now(), gen_random_uuid(), 'Q1', 'sim', 'submitted')`,
    );
    const [{ part }] = await db.dataSource.query(`SELECT tableoid::regclass::text AS part FROM jobs`);
    expect(part).toMatch(/jobs_p\d{8}$/);
  });

  it('is idempotent: running the migrations again applies nothing', async () => {
    const { migrateDatabase } = await import('@anvil/db');
    await expect(migrateDatabase(db.options)).resolves.toEqual([]);
  });
});
