import { Module } from '@nestjs/common';
import { LiveCountersModule } from '../live-counters/live-counters.module';
import { MetricsModule } from '../metrics/metrics.module';
import { JobEventsHandler } from './job-events.handler';
import { JobIngestRepository } from './job-ingest.repository';
import { JobIngestService } from './job-ingest.service';
import { RejectedJobEventPublisher } from './rejected-job-event.publisher';

@Module({
  imports: [LiveCountersModule, MetricsModule],
  controllers: [JobEventsHandler],
  providers: [JobIngestRepository, JobIngestService, RejectedJobEventPublisher],
})
export class JobsModule {}
