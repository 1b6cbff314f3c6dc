import Redis from 'ioredis';
import { JobState } from '@anvil/contracts';
import type { CoreConfig } from '@anvil/config';
import { createTestDatabase, uniqueName, type TestDatabase } from '@anvil/testing';
import { JobIngestRepository } from '../src/jobs/job-ingest.repository';
import { mergeJobEvents } from '../src/jobs/merge-job-events.util';
import { JobRollupRepository } from '../src/live-counters/job-rollup.repository';
import { LiveCountersService } from '../src/live-counters/live-counters.service';
import { IngesterMetrics } from '../src/metrics/ingester-metrics.service';
import { IngestProbe } from './ingest-probe';
import { JobEventFactory } from './job-event.factory';
import { LiveCounterReader } from './live-counter-reader';
import { insertRunningTest } from './running-test.fixture';

// Live counters against real Redis and Postgres: a cache that always finds its way back to job_rollups.
describe(LiveCountersService.name, () => {
  const namespace = uniqueName('r');
  let db: TestDatabase;
  let redis: Redis;
  let metrics: IngesterMetrics;
  let service: LiveCountersService;
  let jobs: JobIngestRepository;
  let probe: IngestProbe;
  let reader: LiveCounterReader;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 0 });
    metrics = new IngesterMetrics();
    service = new LiveCountersService(
      redis,
      { namespace } as CoreConfig,
      { port: 0, reconcileMs: 3_600_000, jobRetentionDays: 90, partitionMaintenanceMs: 3_600_000 },
      new JobRollupRepository(db.dataSource),
      metrics,
    );
    jobs = new JobIngestRepository(db.dataSource);
    probe = new IngestProbe(db.dataSource);
    reader = new LiveCounterReader(namespace);
  });

  afterAll(async () => {
    await service?.onApplicationShutdown();
    redis?.disconnect();
    await reader?.cleanup();
    await db?.drop();
  });

  /** Stores events like the hot path does and returns the committed deltas. */
  async function commit(f: JobEventFactory, count: number, state: JobState, queueId = 'Q1') {
    const events = Array.from({ length: count }, () => f.event(f.job(queueId), state));
    return (await jobs.ingest(mergeJobEvents(events).jobs)).rollupDeltas;
  }

  describe('apply', () => {
    it('rebuilds the whole hash from the rollups when it is missing, not just this batch', async () => {
      const f = new JobEventFactory();
      await commit(f, 3, JobState.RUNNING);
      const deltas = await commit(f, 2, JobState.COMPLETED, 'Q2');
      await service.apply(deltas, new Set());
      expect(await reader.counters(f.testId)).toEqual({
        'Q1:running': 3,
        'Q1:total': 3,
        'Q2:completed': 2,
        'Q2:total': 2,
        '*:running': 3,
        '*:completed': 2,
        '*:total': 5,
      });
    });

    it('increments an existing hash by the batch deltas', async () => {
      const f = new JobEventFactory();
      await service.apply(await commit(f, 2, JobState.SUBMITTED), new Set());
      await redis.hset(reader.key(f.testId), 'Q1:submitted', 10);
      await service.apply(await commit(f, 1, JobState.SUBMITTED), new Set());
      // 10 + 1: incremented, not rebuilt (the planted value survives).
      expect((await reader.counters(f.testId))['Q1:submitted']).toBe(11);
    });

    it('rebuilds the tests it is told to rebuild instead of incrementing them', async () => {
      const f = new JobEventFactory();
      await service.apply(await commit(f, 2, JobState.SUBMITTED), new Set());
      await redis.hset(reader.key(f.testId), 'Q1:submitted', 10);
      await service.apply(await commit(f, 1, JobState.SUBMITTED), new Set([f.testId]));
      expect(await reader.counters(f.testId)).toEqual(await probe.expectedLiveCounters(f.testId));
    });

    it('does not throw when Redis is unreachable, and repairs the test at the next reconcile', async () => {
      const f = new JobEventFactory();
      await service.apply(await commit(f, 1, JobState.SUBMITTED), new Set());
      const failuresBefore = metrics.value('ingester_live_counter_failures_total');
      redis.disconnect();
      await expect(service.apply(await commit(f, 4, JobState.RUNNING), new Set())).resolves.toBeUndefined();
      expect(metrics.value('ingester_live_counter_failures_total')).toBeGreaterThan(failuresBefore);
      await redis.connect();
      expect(await reader.counters(f.testId)).toEqual({
        'Q1:submitted': 1,
        'Q1:total': 1,
        '*:submitted': 1,
        '*:total': 1,
      });

      await service.reconcile();
      expect(await reader.counters(f.testId)).toEqual({
        'Q1:submitted': 1,
        'Q1:running': 4,
        'Q1:total': 5,
        '*:submitted': 1,
        '*:running': 4,
        '*:total': 5,
      });
    });
  });

  describe('reconcile', () => {
    it('rewrites a drifted hash of a running test from the rollups', async () => {
      const testId = await insertRunningTest(db);
      const f = new JobEventFactory(testId);
      await commit(f, 2, JobState.FAILED);
      await redis.hset(reader.key(testId), 'rev', 1, 'Q1:failed', 99, 'Q9:running', 5);

      await service.reconcile();

      expect(await reader.counters(testId)).toEqual({ 'Q1:failed': 2, 'Q1:total': 2, '*:failed': 2, '*:total': 2 });
    });
  });
});
