import { Global, Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { DatabaseModule, RedisModule } from '@anvil/db';
import { HealthModule, LoggingModule, MetricsModule } from '@anvil/telemetry';
import { INGESTER_CONFIG } from './ingester.constants';
import { loadIngesterConfig } from './ingester.env';
import { JobsModule } from './jobs/jobs.module';
import { PartitionsModule } from './partitions/partitions.module';

/** The ingester: job events → `jobs`, `job_rollups` (Postgres, the truth) and live counters (Redis, a cache). */
@Global()
@Module({
  imports: [
    LoggingModule.forRoot('ingester'),
    DatabaseModule.forRoot({ applicationName: 'anvil-ingester' }),
    RedisModule.forRoot(),
    BusModule.forRoot({ service: 'ingester' }),
    HealthModule,
    MetricsModule,
    JobsModule,
    PartitionsModule,
  ],
  providers: [{ provide: INGESTER_CONFIG, useFactory: () => loadIngesterConfig() }],
  exports: [INGESTER_CONFIG],
})
export class IngesterModule {}
