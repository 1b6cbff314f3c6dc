import { Module } from '@nestjs/common';
import { IngesterMetrics } from './ingester-metrics.service';
import { MetricsController } from './metrics.controller';

@Module({ controllers: [MetricsController], providers: [IngesterMetrics], exports: [IngesterMetrics] })
export class MetricsModule {}
