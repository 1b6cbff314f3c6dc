import { Global, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { HttpMetricsRecorder } from './http-metrics.recorder';
import { METRICS_REGISTRY } from './metrics.constants';
import { MetricsController } from './metrics.controller';
import { collectProcessMetrics } from './process-metrics.util';

/**
 * Prometheus metrics of a service: `GET /metrics` (the process's default registry: process and bus metrics; and
 * the app's `METRICS_REGISTRY`: the service's own), and the HTTP latency histogram. Import it once, in the root
 * module. See docs/observability.md for the list.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: METRICS_REGISTRY,
      useFactory: (): Registry => {
        collectProcessMetrics();
        return new Registry();
      },
    },
    HttpMetricsRecorder,
  ],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}
