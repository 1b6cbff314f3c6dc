import { createTestDatabase, type TestDatabase } from '@anvil/testing';
import { PartitionRepository } from '../src/partitions/partition.repository';

describe(PartitionRepository.name, () => {
  let db: TestDatabase;
  let repository: PartitionRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    repository = new PartitionRepository(db.dataSource);
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function partitionDays(): Promise<string[]> {
    const rows = await db.dataSource.query<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'jobs'::regclass AND c.relname <> 'jobs_default' ORDER BY 1`,
    );
    return rows.map((row) => row.name);
  }

  describe('ensureJobPartitions', () => {
    it('keeps daily partitions from yesterday to two weeks ahead, creating only the missing ones', async () => {
      const day = (offset: number): string => {
        const d = new Date(Date.now() + offset * 86_400_000);
        return `jobs_p${d.toISOString().slice(0, 10).replace(/-/g, '')}`;
      };
      await db.dataSource.query(`DROP TABLE ${day(3)}`);

      expect(await repository.ensureJobPartitions()).toBe(2); // day +3 again, and day +14 (the migration went to +13)
      expect(await repository.ensureJobPartitions()).toBe(0);
      const days = await partitionDays();
      for (let offset = -1; offset <= 14; offset += 1) {
        expect(days).toContain(day(offset));
      }
    });

    it('skips the work when another process holds the lock of this schema', async () => {
      const runner = db.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(
          `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.anvil_ensure_job_partitions'))`,
        );
        expect(await repository.ensureJobPartitions()).toBeNull();
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      expect(await repository.ensureJobPartitions()).toBe(0);
    });
  });
});
