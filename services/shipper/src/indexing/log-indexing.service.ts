import { Inject, Injectable } from '@nestjs/common';
import type { Delivery } from '@anvil/bus';
import type { LogBatch } from '@anvil/contracts';
import { SHIPPER_CONFIG } from '../shipper.constants';
import type { ShipperConfig } from '../shipper.env';
import { ACCESS_LINE_PARSERS } from './access-line-parsers.constant';
import { BulkIndexer } from './bulk-indexer.service';
import { BulkItems } from './bulk-items';
import { IndexingMetrics } from './indexing-metrics';
import { addLogBatchItems } from './log-batch-items.util';

/** Log batches (`anvil.log.*` → `<prefix>-logs-*`, `anvil.access.*` → `<prefix>-access-*`) into OpenSearch. */
@Injectable()
export class LogIndexingService {
  constructor(
    private readonly indexer: BulkIndexer,
    private readonly metrics: IndexingMetrics,
    @Inject(SHIPPER_CONFIG) private readonly config: ShipperConfig,
  ) {}

  /** Resolves once every line of every batch is in OpenSearch. */
  async index(deliveries: readonly Delivery<LogBatch>[], family: 'logs' | 'access'): Promise<void> {
    const items = new BulkItems(family);
    let unusable = 0;
    for (const delivery of deliveries) {
      const batch = delivery.message;
      const parser = family === 'access' ? ACCESS_LINE_PARSERS[batch.source] : undefined;
      unusable += addLogBatchItems(items, this.config.indexPrefix, batch, parser);
    }
    if (unusable > 0) {
      this.metrics.raw(family, 'unparsed', unusable);
    }
    await this.indexer.indexAll(items);
  }
}
