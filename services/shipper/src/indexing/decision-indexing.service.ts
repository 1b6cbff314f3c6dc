import { Inject, Injectable } from '@nestjs/common';
import type { Delivery } from '@anvil/bus';
import { SHIPPER_CONFIG } from '../shipper.constants';
import type { ShipperConfig } from '../shipper.env';
import { dailyIndexName, indexDay } from '../setup/daily-index.util';
import { BulkIndexer } from './bulk-indexer.service';
import { BulkItems } from './bulk-items';
import { decisionDocument } from './decision-document.util';
import { IndexingMetrics } from './indexing-metrics';

/** Who makes decision events: `service.name` of a decision's raw-line document, should OpenSearch refuse it. */
const DECISION_SOURCE = 'decider';

/** Decision events (`anvil.queue.*`, `anvil.outage.*`) into `<prefix>-decisions-*`, one document per business key. */
@Injectable()
export class DecisionIndexingService {
  constructor(
    private readonly indexer: BulkIndexer,
    private readonly metrics: IndexingMetrics,
    @Inject(SHIPPER_CONFIG) private readonly config: ShipperConfig,
  ) {}

  /** Resolves once every decision is in OpenSearch; commands (override requests) are skipped. */
  async index(deliveries: readonly Delivery[]): Promise<void> {
    const items = new BulkItems('decisions');
    for (const delivery of deliveries) {
      const decision = decisionDocument(delivery.subject, delivery.message);
      if (decision === undefined) {
        this.metrics.skipped();
        continue;
      }
      const index = dailyIndexName(this.config.indexPrefix, 'decisions', indexDay(decision.at));
      const text = JSON.stringify(decision.doc);
      items.add(index, decision.id, text, text, DECISION_SOURCE, decision.at.getTime());
    }
    await this.indexer.indexAll(items);
  }
}
