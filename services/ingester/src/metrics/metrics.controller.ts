import { Controller, Get, Header } from '@nestjs/common';
import { IngesterMetrics } from './ingester-metrics.service';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: IngesterMetrics) {}

  /** Prometheus scrape endpoint. */
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): string {
    return this.metrics.exposition();
  }
}
