import { Module } from '@nestjs/common';
import { IngesterMetrics } from './ingester-metrics.service';

@Module({ providers: [IngesterMetrics], exports: [IngesterMetrics] })
export class MetricsModule {}
