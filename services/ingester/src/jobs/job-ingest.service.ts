import { Injectable, Logger } from '@nestjs/common';
import type { Delivery } from '@anvil/bus';
import { errorMessage } from '@anvil/bus';
import type { JobStateChanged } from '@anvil/contracts';
import { LiveCountersService } from '../live-counters/live-counters.service';
import { IngesterMetrics } from '../metrics/ingester-metrics.service';
import { jobEventProblems } from './job-event-problems.util';
import type { JobIngestResult } from './job-ingest-result.type';
import { JobIngestRepository } from './job-ingest.repository';
import type { JobUpdate } from './job-update.type';
import { mergeJobEvents } from './merge-job-events.util';
import { RejectedJobEventPublisher } from './rejected-job-event.publisher';
import { isSqlDataError } from './sql-data-error.util';

/**
 * The hot path: a batch of job events → one transaction on `jobs` + `job_rollups` → live counters in Redis.
 * Returns once the batch is durable, so the bus acks it only then.
 */
@Injectable()
export class JobIngestService {
  private readonly logger = new Logger(JobIngestService.name);

  constructor(
    private readonly repository: JobIngestRepository,
    private readonly liveCounters: LiveCountersService,
    private readonly rejected: RejectedJobEventPublisher,
    private readonly metrics: IngesterMetrics,
  ) {}

  async ingestBatch(deliveries: readonly Delivery<JobStateChanged>[]): Promise<void> {
    this.metrics.increment('ingester_events_total', deliveries.length);
    const accepted = await this.rejectUnusable(deliveries);
    if (accepted.length === 0) {
      return;
    }
    const merged = mergeJobEvents(accepted.map((delivery) => delivery.message));
    const result = await this.store(merged.jobs, accepted);

    const backwards = merged.backwardsIgnored + result.backwardsIgnored;
    this.metrics.increment('ingester_jobs_inserted_total', result.inserted);
    this.metrics.increment('ingester_jobs_advanced_total', result.advanced);
    this.metrics.increment('ingester_duplicate_events_total', merged.duplicates + result.duplicates);
    this.metrics.increment('ingester_backwards_state_ignored_total', backwards);
    this.metrics.increment('ingester_expired_events_total', result.expired);
    if (result.expired > 0) {
      this.logger.warn(`ignored ${result.expired} job update(s) submitted before the retention boundary`);
    }
    if (backwards > 0) {
      this.logger.warn(
        `ignored ${backwards} backwards or sideways job state change(s) ` +
          `(ingester_backwards_state_ignored_total=${this.metrics.value('ingester_backwards_state_ignored_total')})`,
      );
    }
    this.logger.debug(
      `batch of ${deliveries.length}: ${result.inserted} jobs new, ${result.advanced} advanced, ` +
        `${merged.duplicates + result.duplicates} duplicates`,
    );

    // A redelivered event may come from an attempt that committed but died before reaching Redis:
    // its test's counters are rebuilt from the rollups rather than incremented.
    const rebuild = new Set(
      accepted
        .filter((delivery) => delivery.deliveryCount > 1)
        .map((delivery) => delivery.message.testId.toLowerCase()),
    );
    await this.liveCounters.apply(result.rollupDeltas, rebuild);
  }

  private async rejectUnusable(deliveries: readonly Delivery<JobStateChanged>[]): Promise<Delivery<JobStateChanged>[]> {
    const accepted: Delivery<JobStateChanged>[] = [];
    for (const delivery of deliveries) {
      const problems = jobEventProblems(delivery.message, Date.now());
      if (problems.length === 0) {
        accepted.push(delivery);
      } else {
        await this.reject([delivery], `malformed: ${problems.join('; ')}`);
      }
    }
    return accepted;
  }

  /** Stores the batch; if Postgres refuses some job's data, stores job by job and dead-letters the refused ones. */
  private async store(jobs: JobUpdate[], deliveries: readonly Delivery<JobStateChanged>[]): Promise<JobIngestResult> {
    try {
      return await this.repository.ingest(jobs);
    } catch (error) {
      if (!isSqlDataError(error)) {
        throw error;
      }
      this.logger.warn(`batch refused by the database, storing job by job: ${errorMessage(error)}`);
    }
    const results: JobIngestResult[] = [];
    for (const job of jobs) {
      try {
        results.push(await this.repository.ingest([job]));
      } catch (error) {
        if (!isSqlDataError(error)) {
          throw error;
        }
        const ofJob = deliveries.filter((delivery) => delivery.message.jobId.toLowerCase() === job.id);
        await this.reject(ofJob, `permanent failure: the database refused job ${job.id}: ${errorMessage(error)}`);
      }
    }
    const sum = (field: 'inserted' | 'advanced' | 'backwardsIgnored' | 'duplicates' | 'expired'): number =>
      results.reduce((n, result) => n + result[field], 0);
    return {
      inserted: sum('inserted'),
      advanced: sum('advanced'),
      backwardsIgnored: sum('backwardsIgnored'),
      duplicates: sum('duplicates'),
      expired: sum('expired'),
      rollupDeltas: results.flatMap((result) => result.rollupDeltas),
    };
  }

  private async reject(deliveries: readonly Delivery<JobStateChanged>[], reason: string): Promise<void> {
    for (const delivery of deliveries) {
      await this.rejected.deadLetter(delivery, reason);
      this.metrics.increment('ingester_rejected_events_total');
      this.logger.warn(`dead-lettered ${delivery.subject} (job ${delivery.message.jobId}): ${reason}`);
    }
  }
}
