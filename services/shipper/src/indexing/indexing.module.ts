import { Module } from '@nestjs/common';
import { SetupModule } from '../setup/setup.module';
import { BulkIndexer } from './bulk-indexer.service';
import { DecisionEventsHandler } from './decision-events.handler';
import { DecisionIndexingService } from './decision-indexing.service';
import { IndexingMetrics } from './indexing-metrics';
import { LogBatchesHandler } from './log-batches.handler';
import { LogIndexingService } from './log-indexing.service';
import { OpenSearchBulkRepository } from './opensearch-bulk.repository';

/** Consumers of log batches and decision events, bulk-indexing them into OpenSearch once setup is done. */
@Module({
  imports: [SetupModule],
  controllers: [LogBatchesHandler, DecisionEventsHandler],
  providers: [OpenSearchBulkRepository, BulkIndexer, IndexingMetrics, LogIndexingService, DecisionIndexingService],
  exports: [IndexingMetrics],
})
export class IndexingModule {}
