import { Module } from '@nestjs/common';
import { IngesterMetrics } from './ingester-metrics.service';

/**
 * The ingester's counters. They are served on `/metrics` by the `MetricsModule` of @anvil/telemetry (imported by
 * the root module), whose registry `IngesterMetrics` registers them on.
 */
@Module({ providers: [IngesterMetrics], exports: [IngesterMetrics] })
export class MetricsModule {}
