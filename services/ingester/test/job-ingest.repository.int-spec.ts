import { JobState, type JobStateChanged } from '@anvil/contracts';
import { createTestDatabase, type TestDatabase } from '@anvil/testing';
import { JobIngestRepository } from '../src/jobs/job-ingest.repository';
import { mergeJobEvents } from '../src/jobs/merge-job-events.util';
import { IngestProbe } from './ingest-probe';
import { JobEventFactory } from './job-event.factory';
import { insertRunningTest } from './running-test.fixture';

// The repository alone against a real schema: the SQL of the hot path, without the bus.
describe(JobIngestRepository.name, () => {
  let db: TestDatabase;
  let repository: JobIngestRepository;
  let probe: IngestProbe;

  beforeAll(async () => {
    db = await createTestDatabase();
    repository = new JobIngestRepository(db.dataSource);
    probe = new IngestProbe(db.dataSource);
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await db.dataSource.query('TRUNCATE jobs, job_rollups, queue_daily_rollups');
  });

  async function ingest(events: JobStateChanged[]) {
    return repository.ingest(mergeJobEvents(events).jobs);
  }

  describe('ingest', () => {
    it('stores new jobs and counts them in their rollup hour', async () => {
      const f = new JobEventFactory();
      const a = f.job('Q1');
      const b = f.job('Q1');
      const c = f.job('Q2');
      const result = await ingest([
        f.event(a, JobState.SUBMITTED),
        f.event(b, JobState.RUNNING),
        f.event(c, JobState.COMPLETED, { wallSeconds: 12.5, cpuSeconds: 3, events: 40n }),
      ]);
      expect(result).toMatchObject({ inserted: 3, advanced: 0, backwardsIgnored: 0, duplicates: 0 });
      expect(await probe.stateCounts()).toEqual({ submitted: 1, running: 1, completed: 1 });
      expect(await probe.rollups()).toEqual(await probe.rollupsFromJobs());
      expect(await probe.dailyRollups()).toEqual(await probe.dailyRollupsFromHourly());
      expect(await probe.rollups()).toEqual([
        expect.objectContaining({ queue_id: 'Q1', submitted: 1, running: 1, total: 2, wall: 0 }),
        expect.objectContaining({ queue_id: 'Q2', completed: 1, total: 1, wall: 12.5, cpu: 3, events: '40' }),
      ]);
    });

    it('moves stored jobs forward and keeps the start time of the running event', async () => {
      const f = new JobEventFactory();
      const a = f.job();
      await ingest([f.event(a, JobState.SUBMITTED)]);
      await ingest([f.event(a, JobState.RUNNING)]);
      const result = await ingest([f.event(a, JobState.FAILED, { exitCode: 7, wallSeconds: 600 })]);
      expect(result).toMatchObject({ inserted: 0, advanced: 1 });
      const job = (await probe.jobs()).get(a.id);
      expect(job).toMatchObject({ state: 'failed', exit_code: 7, wall_seconds: 600 });
      expect(job?.started_at).toEqual(new Date(a.submittedAt.getTime() + 60_000));
      expect(job?.finished_at).toEqual(new Date(a.submittedAt.getTime() + 120_000));
      expect(await probe.rollups()).toEqual([
        expect.objectContaining({ submitted: 0, running: 0, failed: 1, total: 1 }),
      ]);
    });

    it('changes nothing when the same batch is applied twice', async () => {
      const f = new JobEventFactory();
      const jobs = [f.job(), f.job(), f.job('Q2')];
      const batch = jobs.flatMap((job) => [f.event(job, JobState.SUBMITTED), f.event(job, JobState.RUNNING)]);
      await ingest(batch);
      const rowsBefore = await probe.jobs();
      const rollupsBefore = await probe.rollups();
      const again = await ingest(batch);
      expect(again).toMatchObject({ inserted: 0, advanced: 0, duplicates: 3, backwardsIgnored: 0, rollupDeltas: [] });
      expect(await probe.jobs()).toEqual(rowsBefore);
      expect(await probe.rollups()).toEqual(rollupsBefore);
    });

    it('ignores a late running after completed and counts it', async () => {
      const f = new JobEventFactory();
      const a = f.job();
      await ingest([f.event(a, JobState.SUBMITTED), f.event(a, JobState.COMPLETED, { wallSeconds: 30 })]);
      const before = await probe.jobs();
      const result = await ingest([f.event(a, JobState.RUNNING)]);
      expect(result).toMatchObject({ advanced: 0, backwardsIgnored: 1, rollupDeltas: [] });
      expect(await probe.jobs()).toEqual(before);
      expect(before.get(a.id)).toMatchObject({ state: 'completed', wall_seconds: 30 });
      expect(await probe.rollups()).toEqual([expect.objectContaining({ completed: 1, running: 0, total: 1 })]);
    });

    it('keeps the first final state when another final state arrives later', async () => {
      const f = new JobEventFactory();
      const a = f.job();
      await ingest([f.event(a, JobState.COMPLETED)]);
      const result = await ingest([f.event(a, JobState.FAILED, { exitCode: 9 })]);
      expect(result.backwardsIgnored).toBe(1);
      expect((await probe.jobs()).get(a.id)).toMatchObject({ state: 'completed', exit_code: 0 });
    });

    it('keeps rollups equal to an aggregate over jobs after a shuffled stream cut into random batches', async () => {
      const f = new JobEventFactory();
      const finals = [JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED, JobState.LOST];
      const events: JobStateChanged[] = [];
      for (let i = 0; i < 300; i += 1) {
        const job = f.job(`Q${i % 4}`, i % 180);
        const final = finals[i % finals.length];
        const stages = [JobState.SUBMITTED, JobState.RUNNING, final].slice(0, 1 + (i % 3));
        for (const state of stages) {
          events.push(f.event(job, state, { wallSeconds: (i % 7) + 0.25, events: BigInt(i) }));
          if (i % 5 === 0) {
            events.push(f.event(job, state));
          }
        }
      }
      // A deterministic shuffle: states arrive out of order, across batches and within them.
      const shuffled = events
        .map((event, i) => ({ event, key: (i * 7919) % events.length }))
        .sort((x, y) => x.key - y.key)
        .map((x) => x.event);
      for (let start = 0, size = 1; start < shuffled.length; start += size, size = (size * 3) % 97) {
        await ingest(shuffled.slice(start, start + size));
      }
      expect(await probe.jobCount()).toBe(300);
      expect(await probe.rollups()).toEqual(await probe.rollupsFromJobs());
      expect(await probe.dailyRollups()).toEqual(await probe.dailyRollupsFromHourly());
      expect(await probe.rollupStateTotals()).toEqual(await probe.stateCounts());
    });

    it('sums each queue per UTC day of submission, golden tests apart from the others', async () => {
      const golden = await insertRunningTest(db, true);
      const plain = await insertRunningTest(db, false);
      const g = new JobEventFactory(golden, new Date('2026-03-02T00:30:00Z'));
      const p = new JobEventFactory(plain, new Date('2026-03-02T00:30:00Z'));
      const early = g.job('Q1', 60); // 2026-03-01 23:30
      const late = g.job('Q1', 0); // 2026-03-02 00:30
      const other = p.job('Q1', 0);
      await ingest([
        g.event(early, JobState.COMPLETED),
        g.event(late, JobState.FAILED),
        p.event(other, JobState.RUNNING),
      ]);
      await ingest([p.event(other, JobState.COMPLETED)]);

      const rows = (await probe.dailyRollups()) as { day: string; golden: boolean }[];
      expect(rows.map((row) => ({ day: row.day, golden: row.golden, ...pick(row) }))).toEqual([
        { day: '2026-03-01', golden: true, completed: 1, failed: 0, running: 0, total: 1 },
        { day: '2026-03-02', golden: false, completed: 1, failed: 0, running: 0, total: 1 },
        { day: '2026-03-02', golden: true, completed: 0, failed: 1, running: 0, total: 1 },
      ]);
    });

    it('serialises two writers applying overlapping batches at once', async () => {
      const f = new JobEventFactory();
      const jobs = Array.from({ length: 200 }, (_, i) => f.job(`Q${i % 3}`));
      const first = jobs.map((job) => f.event(job, JobState.RUNNING));
      const second = [...jobs].reverse().map((job) => f.event(job, JobState.COMPLETED));
      const other = new JobIngestRepository(db.dataSource);
      await Promise.all([ingest(first), other.ingest(mergeJobEvents(second).jobs), ingest(first)]);
      expect(await probe.stateCounts()).toEqual({ completed: 200 });
      expect(await probe.rollups()).toEqual(await probe.rollupsFromJobs());
      expect(await probe.dailyRollups()).toEqual(await probe.dailyRollupsFromHourly());
    });
  });
});

function pick(row: object): Record<'completed' | 'failed' | 'running' | 'total', number> {
  const { completed, failed, running, total } = row as Record<string, number>;
  return { completed, failed, running, total };
}
