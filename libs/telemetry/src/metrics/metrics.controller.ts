import { Controller, Get, Header, Inject } from '@nestjs/common';
import { register, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.constants';

@Controller()
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  /** Prometheus scrape endpoint (text format 0.0.4): the process's metrics, then the service's. */
  @Get('metrics')
  @Header('Content-Type', register.contentType)
  async scrape(): Promise<string> {
    const [processMetrics, serviceMetrics] = await Promise.all([register.metrics(), this.registry.metrics()]);
    return `${processMetrics}\n${serviceMetrics}`;
  }
}
