import { Inject, Injectable } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@anvil/telemetry';
import type { IndexFamily } from '../setup/index-family';

/** The shipper's indexing counters (Prometheus, on the app's registry). Every update is an addition, never I/O. */
@Injectable()
export class IndexingMetrics {
  private readonly indexedDocuments: Counter<'family'>;
  private readonly alreadyIndexedDocuments: Counter<'family'>;
  private readonly rawDocuments: Counter<'family' | 'reason'>;
  private readonly retriedDocuments: Counter<'family'>;
  private readonly skippedMessages: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.indexedDocuments = new Counter({
      name: 'anvil_shipper_documents_indexed_total',
      help: 'Documents OpenSearch accepted (created), by index family.',
      labelNames: ['family'],
      registers,
    });
    this.alreadyIndexedDocuments = new Counter({
      name: 'anvil_shipper_documents_already_indexed_total',
      help: 'Documents found already indexed (a redelivered or re-published batch): done, never duplicated.',
      labelNames: ['family'],
      registers,
    });
    this.rawDocuments = new Counter({
      name: 'anvil_shipper_raw_documents_total',
      help:
        'Lines indexed as raw text with anvil.parse_error: not usable by the shipper (unparsed) or refused by ' +
        'OpenSearch as a document (refused).',
      labelNames: ['family', 'reason'],
      registers,
    });
    this.retriedDocuments = new Counter({
      name: 'anvil_shipper_documents_retried_total',
      help: 'Documents sent again because OpenSearch was unreachable or answered 429/5xx (for the request or them).',
      labelNames: ['family'],
      registers,
    });
    this.skippedMessages = new Counter({
      name: 'anvil_shipper_messages_skipped_total',
      help: 'Bus messages acked without indexing (commands such as anvil.queue.override-requested).',
      registers,
    });
  }

  indexed(family: IndexFamily, count: number): void {
    this.indexedDocuments.labels(family).inc(count);
  }

  alreadyIndexed(family: IndexFamily, count: number): void {
    this.alreadyIndexedDocuments.labels(family).inc(count);
  }

  raw(family: IndexFamily, reason: 'unparsed' | 'refused', count = 1): void {
    this.rawDocuments.labels(family, reason).inc(count);
  }

  retried(family: IndexFamily, count: number): void {
    this.retriedDocuments.labels(family).inc(count);
  }

  skipped(count = 1): void {
    this.skippedMessages.inc(count);
  }
}
