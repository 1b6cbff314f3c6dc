import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BusExceptionFilter, type BusHandlerExtras, type Delivery } from '@anvil/bus';
import type { JobStateChanged } from '@anvil/contracts';
import { JobIngestService } from './job-ingest.service';
import { JOB_EVENTS_DURABLE } from './jobs.constants';

// Batches of 4,000: per batch, the same queue's daily rollup row is hit several times and summed once (2,000 → 4,000
// took PostgreSQL from ~26 to ~23.5 µs per event in `npm run bench -- ingest`).
// Two batches at a time per replica, so the process and PostgreSQL work at once rather than taking turns (rows are
// locked in id order, so the two never deadlock; a `running` stored after its final state is ignored, as with replicas).
// Many deliveries with long backoff: a database outage of up to ~1.5 h must not dead-letter the job stream.
// A short ack wait: after a crash, the batch in flight comes back within seconds (batches take well under 1 s).
const JOB_EVENTS_CONSUMER: BusHandlerExtras = {
  durable: JOB_EVENTS_DURABLE,
  batch: true,
  batchSize: 4000,
  concurrency: 2,
  maxDeliver: 100,
  backoffMs: [1_000, 5_000, 15_000, 30_000, 60_000],
  ackWaitMs: 10_000,
};

/** Every job state change (`anvil.job.<state>.<queueId>`), in batches. */
@Controller()
@UseFilters(BusExceptionFilter)
export class JobEventsHandler {
  constructor(private readonly ingest: JobIngestService) {}

  @EventPattern('anvil.job.>', { ...JOB_EVENTS_CONSUMER })
  async handle(@Payload() deliveries: Delivery<JobStateChanged>[]): Promise<void> {
    await this.ingest.ingestBatch(deliveries);
  }
}
