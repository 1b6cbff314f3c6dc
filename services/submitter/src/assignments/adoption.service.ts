import { Injectable, Logger } from '@nestjs/common';
import type { BackendJobRecord } from '@anvil/backends';
import { BackendPoolService } from '../keeper/backend-pool.service';
import type { KeeperTest } from '../keeper/keeper-test.type';
import type { KeeperAdoption } from '../keeper/test-keeper';
import type { TrackedJob } from '../keeper/tracked-job.type';
import { AssignmentsRepository } from './assignments.repository';
import { isUuid } from '@anvil/contracts';

/**
 * What a new keeper of a test takes over: the jobs `jobs` shows in flight, and the jobs its backends hold that
 * `jobs` does not know at all (their owner died between submitting them and publishing `submitted`, or the
 * ingester has not caught up). Adopting them by backend job id, instead of submitting again, is what keeps a
 * failover from losing or duplicating jobs.
 */
@Injectable()
export class AdoptionService {
  private readonly logger = new Logger(AdoptionService.name);

  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly backends: BackendPoolService,
  ) {}

  async adoption(test: KeeperTest): Promise<KeeperAdoption> {
    // Order matters while the ingester catches up: the backends first, then what the database knows of those
    // jobs, then its in-flight rows. A job stored meanwhile is then found by the last read, never by neither.
    const held = await this.heldByBackends(test);
    const known = await this.repository.knownJobIds(
      test.testId,
      held.map((job) => job.jobId),
    );
    const fromDatabase = await this.repository.adoption(test.testId);
    const jobs: TrackedJob[] = fromDatabase.jobs.map((j) => ({
      jobId: j.jobId,
      queueId: j.queueId,
      backend: j.backend,
      backendJobId: j.backendJobId,
      submittedAt: new Date(j.submittedAt),
      state: j.state,
    }));
    const inFlight = new Set(jobs.map((job) => job.jobId));
    const unannounced = held.filter((job) => !known.has(job.jobId) && !inFlight.has(job.jobId));
    const totals = new Map(fromDatabase.totals);
    for (const job of unannounced) {
      totals.set(job.queueId, (totals.get(job.queueId) ?? 0) + 1);
    }
    if (unannounced.length > 0) {
      this.logger.log(
        { testId: test.testId, unannounced: unannounced.length },
        'adopting jobs the backends hold but the database does not know',
      );
    }
    return { jobs, unannounced, submittedTotals: totals };
  }

  /** The test's jobs in every backend its queues use; a backend that cannot answer is logged and skipped. */
  private async heldByBackends(test: KeeperTest): Promise<TrackedJob[]> {
    const names = [...new Set(test.queues.map((queue) => queue.backend))];
    const found = new Map<string, TrackedJob>();
    for (const name of names) {
      const backend = this.backends.get(name);
      if (backend === null) {
        continue;
      }
      let records: BackendJobRecord[];
      try {
        records = await backend.jobsOfTest(test.testId);
      } catch (error) {
        this.logger.warn(
          { err: error, testId: test.testId, backend: name },
          'could not list the test jobs the backend holds: jobs whose submission was never announced stay untracked',
        );
        continue;
      }
      for (const record of records.filter((r) => isUuid(r.jobId))) {
        found.set(record.jobId, {
          jobId: record.jobId,
          queueId: record.queueId,
          backend: name,
          backendJobId: record.backendJobId,
          submittedAt: record.submittedAt,
          state: 'submitted',
        });
      }
    }
    return [...found.values()];
  }
}
