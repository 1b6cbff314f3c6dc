import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Delivery } from '@anvil/bus';
import { JobState, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';
import type { LiveCountersService } from '../live-counters/live-counters.service';
import { IngesterMetrics } from '../metrics/ingester-metrics.service';
import type { JobIngestRepository } from './job-ingest.repository';
import type { JobIngestResult } from './job-ingest-result.type';
import { JobIngestService } from './job-ingest.service';
import type { JobUpdate } from './job-update.type';
import type { RejectedJobEventPublisher } from './rejected-job-event.publisher';

const TEST_A = '7e0c1f00-0000-4000-8000-00000000000a';
const TEST_B = '7e0c1f00-0000-4000-8000-00000000000b';
const EMPTY: JobIngestResult = {
  inserted: 0,
  advanced: 0,
  backwardsIgnored: 0,
  duplicates: 0,
  expired: 0,
  rollupDeltas: [],
};

function delivery(jobNumber: number, testId = TEST_A, deliveryCount = 1): Delivery<JobStateChanged> {
  const message = create(JobStateChangedSchema, {
    jobId: `0b6f3b5e-0000-4000-8000-${String(jobNumber).padStart(12, '0')}`,
    testId,
    queueId: 'Q1',
    state: JobState.RUNNING,
    submittedAt: timestampFromDate(new Date('2025-01-01T00:00:00Z')),
    occurredAt: timestampFromDate(new Date('2025-01-01T00:01:00Z')),
  });
  return { message, subject: 'anvil.job.running.Q1', deliveryCount, headers: {} };
}

function sqlError(code: string): Error {
  return Object.assign(new Error(`sql ${code}`), { driverError: { code } });
}

describe(JobIngestService.name, () => {
  let ingest: jest.Mock<Promise<JobIngestResult>, [readonly JobUpdate[]]>;
  let apply: jest.Mock<Promise<void>, [unknown, ReadonlySet<string>]>;
  let deadLetter: jest.Mock<Promise<void>, [Delivery<JobStateChanged>, string]>;
  let metrics: IngesterMetrics;
  let service: JobIngestService;

  beforeEach(() => {
    ingest = jest.fn((jobs: readonly JobUpdate[]) => Promise.resolve({ ...EMPTY, inserted: jobs.length }));
    apply = jest.fn((_deltas: unknown, _rebuild: ReadonlySet<string>) => Promise.resolve());
    deadLetter = jest.fn((_delivery: Delivery<JobStateChanged>, _reason: string) => Promise.resolve());
    metrics = new IngesterMetrics();
    service = new JobIngestService(
      { ingest } as unknown as JobIngestRepository,
      { apply } as unknown as LiveCountersService,
      { deadLetter } as unknown as RejectedJobEventPublisher,
      metrics,
    );
  });

  describe('ingestBatch', () => {
    it('dead-letters events the database cannot hold and stores the others', async () => {
      const bad = delivery(1);
      bad.message.jobId = 'job-1';
      await service.ingestBatch([bad, delivery(2)]);
      expect(deadLetter).toHaveBeenCalledWith(bad, 'malformed: job_id must be a UUID');
      expect(ingest).toHaveBeenCalledTimes(1);
      expect(ingest.mock.calls[0][0].map((job) => job.id)).toEqual([delivery(2).message.jobId]);
      expect(metrics.value('ingester_rejected_events_total')).toBe(1);
    });

    it('stores job by job and dead-letters only the refused job when Postgres refuses the data', async () => {
      const refused = delivery(2).message.jobId;
      ingest.mockImplementation((jobs) =>
        jobs.some((job) => job.id === refused)
          ? Promise.reject(sqlError('22008'))
          : Promise.resolve({ ...EMPTY, inserted: jobs.length }),
      );
      await service.ingestBatch([delivery(1), delivery(2), delivery(3)]);
      expect(deadLetter).toHaveBeenCalledTimes(1);
      expect(deadLetter.mock.calls[0][0].message.jobId).toBe(refused);
      expect(deadLetter.mock.calls[0][1]).toMatch(/^permanent failure: the database refused job .*: sql 22008$/);
      expect(metrics.value('ingester_jobs_inserted_total')).toBe(2);
    });

    it('lets other failures through so the bus retries the batch, and touches no counter', async () => {
      ingest.mockRejectedValue(sqlError('57P01'));
      await expect(service.ingestBatch([delivery(1)])).rejects.toThrow('sql 57P01');
      expect(deadLetter).not.toHaveBeenCalled();
      expect(apply).not.toHaveBeenCalled();
    });

    it('asks for a rebuild of the tests of redelivered events', async () => {
      await service.ingestBatch([delivery(1, TEST_A, 1), delivery(2, TEST_B.toUpperCase(), 3)]);
      expect(apply).toHaveBeenCalledWith([], new Set([TEST_B]));
    });
  });
});
