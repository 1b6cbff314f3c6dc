import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BusExceptionFilter, type Delivery } from '@anvil/bus';
import type { LogBatch } from '@anvil/contracts';
import { ACCESS_DURABLE, LOG_CONSUMER, LOGS_DURABLE } from './indexing.constants';
import { LogIndexingService } from './log-indexing.service';

/** Services' log lines (`anvil.log.<service>`) and access lines (`anvil.access.<source>`), in batches. */
@Controller()
@UseFilters(BusExceptionFilter)
export class LogBatchesHandler {
  constructor(private readonly indexing: LogIndexingService) {}

  @EventPattern('anvil.log.>', { ...LOG_CONSUMER, durable: LOGS_DURABLE })
  async handleLogs(@Payload() deliveries: Delivery<LogBatch>[]): Promise<void> {
    await this.indexing.index(deliveries, 'logs');
  }

  @EventPattern('anvil.access.>', { ...LOG_CONSUMER, durable: ACCESS_DURABLE })
  async handleAccess(@Payload() deliveries: Delivery<LogBatch>[]): Promise<void> {
    await this.indexing.index(deliveries, 'access');
  }
}
