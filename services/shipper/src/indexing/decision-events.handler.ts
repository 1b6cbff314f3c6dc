import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BusExceptionFilter, type Delivery } from '@anvil/bus';
import { DecisionIndexingService } from './decision-indexing.service';
import { DECISION_CONSUMER, OUTAGES_DURABLE, QUEUE_DECISIONS_DURABLE } from './indexing.constants';

/** Decision events: `anvil.queue.>` (exclusions, recoveries, overrides) and `anvil.outage.>`. */
@Controller()
@UseFilters(BusExceptionFilter)
export class DecisionEventsHandler {
  constructor(private readonly indexing: DecisionIndexingService) {}

  @EventPattern('anvil.queue.>', { ...DECISION_CONSUMER, durable: QUEUE_DECISIONS_DURABLE })
  async handleQueueDecisions(@Payload() deliveries: Delivery[]): Promise<void> {
    await this.indexing.index(deliveries);
  }

  @EventPattern('anvil.outage.>', { ...DECISION_CONSUMER, durable: OUTAGES_DURABLE })
  async handleOutages(@Payload() deliveries: Delivery[]): Promise<void> {
    await this.indexing.index(deliveries);
  }
}
