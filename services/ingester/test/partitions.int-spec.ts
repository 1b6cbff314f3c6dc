import { JobState, type JobStateChanged } from '@anvil/contracts';
import { createTestDatabase, type TestDatabase } from '@anvil/testing';
import { JobIngestRepository } from '../src/jobs/job-ingest.repository';
import { mergeJobEvents } from '../src/jobs/merge-job-events.util';
import { PartitionRepository } from '../src/partitions/partition.repository';
import { IngestProbe } from './ingest-probe';
import { JobEventFactory } from './job-event.factory';

const DAY_MS = 86_400_000;

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

  /** Runs `work` while another session holds the partition maintenance lock of this schema. */
  async function whileLockHeld(work: () => Promise<void>): Promise<void> {
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.anvil_ensure_job_partitions'))`);
      await work();
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  const partitionName = (offset: number): string => {
    const d = new Date(Date.now() + offset * DAY_MS);
    return `jobs_p${d.toISOString().slice(0, 10).replace(/-/g, '')}`;
  };

  describe('ensureJobPartitions', () => {
    it('keeps daily partitions from yesterday to two weeks ahead, creating only the missing ones', async () => {
      const day = partitionName;
      await db.dataSource.query(`DROP TABLE ${day(3)}`);

      expect(await repository.ensureJobPartitions()).toBe(2); // day +3 again, and day +14 (the migration went to +13)
      expect(await repository.ensureJobPartitions()).toBe(0);
      const days = await partitionDays();
      for (let offset = -1; offset <= 14; offset += 1) {
        expect(days).toContain(day(offset));
      }
    });

    it('skips the work when another process holds the lock of this schema', async () => {
      await whileLockHeld(async () => expect(await repository.ensureJobPartitions()).toBeNull());
      expect(await repository.ensureJobPartitions()).toBe(0);
    });
  });

  describe('dropExpiredJobPartitions', () => {
    const ingester = (): JobIngestRepository => new JobIngestRepository(db.dataSource);
    const ingest = (events: JobStateChanged[]) => ingester().ingest(mergeJobEvents(events).jobs);

    it('drops whole days older than the retention and leaves every rollup total as the dropped detail summed', async () => {
      const probe = new IngestProbe(db.dataSource);
      await db.dataSource.query(`SELECT anvil_ensure_job_partitions((now() AT TIME ZONE 'UTC')::date - 40, 3)`);
      // Jobs on days -40 .. -38 (some left running), and today; two tests, several queues.
      const old = [40, 39, 38].map(
        (daysAgo) => new JobEventFactory(undefined, new Date(Date.now() - daysAgo * DAY_MS)),
      );
      const recent = new JobEventFactory();
      const running = old[1].job('Q2', 5);
      const events: JobStateChanged[] = [old[1].event(running, JobState.RUNNING)];
      for (const [i, f] of [...old, recent].entries()) {
        for (let n = 0; n < 30; n += 1) {
          const job = f.job(`Q${n % 3}`, n * 7);
          const final = n % 4 === 0 ? JobState.FAILED : JobState.COMPLETED;
          events.push(f.event(job, JobState.SUBMITTED), f.event(job, final, { wallSeconds: n + i, events: BigInt(n) }));
        }
      }
      await ingest(events);
      const hourlyFromDetail = await probe.rollupsFromJobs();
      const hourly = await probe.rollups();
      const daily = await probe.dailyRollups();
      expect(hourly).toEqual(hourlyFromDetail);
      expect(daily).toEqual(await probe.dailyRollupsFromHourly());

      const dropped = await repository.dropExpiredJobPartitions(30);

      expect(dropped).toEqual([partitionName(-40), partitionName(-39), partitionName(-38)]);
      expect(await probe.jobCount()).toBe(30);
      expect(await probe.rollups()).toEqual(hourlyFromDetail);
      expect(await probe.dailyRollups()).toEqual(daily);
      const [boundary] = await db.dataSource.query<{ day: string }[]>(
        `SELECT to_char(retained_since, 'YYYY-MM-DD') AS day FROM job_retention`,
      );
      expect(boundary.day).toBe(new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10));

      // A late event of a dropped job, and a new job submitted before the boundary: neither stored nor counted.
      const late = await ingest([
        old[1].event(running, JobState.COMPLETED),
        old[2].event(old[2].job('Q1'), JobState.SUBMITTED),
      ]);
      expect(late).toMatchObject({ inserted: 0, advanced: 0, expired: 2, rollupDeltas: [] });
      expect(await probe.jobCount()).toBe(30);
      expect(await probe.rollups()).toEqual(hourlyFromDetail);
      expect(await probe.dailyRollups()).toEqual(daily);

      expect(await repository.dropExpiredJobPartitions(30)).toEqual([]);
    });

    it('deletes expired rows that landed in jobs_default, and never moves the boundary back', async () => {
      const probe = new IngestProbe(db.dataSource);
      const f = new JobEventFactory(undefined, new Date(Date.now() - 20 * DAY_MS)); // no partition that day
      await db.dataSource.query(`UPDATE job_retention SET retained_since = '-infinity'`);
      await ingest([f.event(f.job(), JobState.COMPLETED)]);
      const [inDefault] = await db.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM jobs_default');
      expect(inDefault.n).toBe(1);
      const rollups = await probe.rollups();

      expect(await repository.dropExpiredJobPartitions(10)).toEqual([]);
      const [after] = await db.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM jobs_default');
      expect(after.n).toBe(0);
      expect(await probe.rollups()).toEqual(rollups);

      await repository.dropExpiredJobPartitions(60);
      const [boundary] = await db.dataSource.query<{ day: string }[]>(
        `SELECT to_char(retained_since, 'YYYY-MM-DD') AS day FROM job_retention`,
      );
      expect(boundary.day).toBe(new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10));
    });

    it('skips the work when another process holds the lock of this schema', async () => {
      await whileLockHeld(async () => expect(await repository.dropExpiredJobPartitions(1)).toBeNull());
    });
  });
});
