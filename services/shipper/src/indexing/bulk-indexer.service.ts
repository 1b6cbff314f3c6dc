import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { errorMessage } from '@anvil/bus';
import { SHIPPER_CONFIG } from '../shipper.constants';
import type { ShipperConfig } from '../shipper.env';
import { abortableSleep } from '../setup/abortable-sleep.util';
import { OpenSearchSetupService } from '../setup/opensearch-setup.service';
import { retryDelay } from '../setup/retry-delay.util';
import type { BulkItems } from './bulk-items';
import { isRetryableRequestError, itemOutcome } from './bulk-outcome.util';
import type { BulkResult } from './bulk-result.type';
import { IndexingMetrics } from './indexing-metrics';
import { OpenSearchBulkRepository } from './opensearch-bulk.repository';
import { RequestSlots } from './request-slots';

// On shutdown, a bulk request already sent gets this long to finish before it is aborted.
const IN_FLIGHT_GRACE_MS = 5000;

/**
 * Puts documents into OpenSearch with `create` bulk requests, at most `bulkConcurrency` in flight for the whole
 * process, and resolves only once every one is there: created now, or already there (409, an earlier delivery).
 * When OpenSearch is unreachable or answers 429/5xx, for the request or a document, it sends those again with
 * exponential backoff for as long as it takes, so the messages stay unacked (the consumer runner keeps them alive
 * with `working()`) and an outage dead-letters nothing. A document OpenSearch refuses is sent again as its raw-line
 * document (`anvil.parse_error`), with the same index and id. When the shipper stops, it stops waiting at once and
 * throws, so the runner naks and the messages come back.
 */
@Injectable()
export class BulkIndexer implements OnModuleDestroy {
  private readonly logger = new Logger(BulkIndexer.name);
  private readonly stopping = new AbortController();
  private readonly cancelRequests = new AbortController();
  private readonly slots: RequestSlots;

  constructor(
    private readonly repository: OpenSearchBulkRepository,
    private readonly setup: OpenSearchSetupService,
    private readonly metrics: IndexingMetrics,
    @Inject(SHIPPER_CONFIG) private readonly config: ShipperConfig,
  ) {
    this.slots = new RequestSlots(config.bulkConcurrency);
  }

  /** Resolves when OpenSearch holds every document of `items`; throws when the shipper stops first. */
  async indexAll(items: BulkItems): Promise<void> {
    if (items.size === 0) {
      return;
    }
    await this.setup.whenDone(this.stopping.signal);
    for (const chunk of items.chunks(this.config.bulkMaxBytes)) {
      await this.indexChunk(items, chunk);
    }
  }

  onModuleDestroy(): void {
    this.stopping.abort(new Error('the shipper is stopping: documents not yet indexed come back with their messages'));
    setTimeout(() => this.cancelRequests.abort(this.stopping.signal.reason), IN_FLIGHT_GRACE_MS).unref();
  }

  private async indexChunk(items: BulkItems, chunk: readonly number[]): Promise<void> {
    let pending = chunk;
    let failures = 0;
    while (pending.length > 0) {
      const sent = await this.send(items, pending);
      if ('result' in sent && !sent.result.errors) {
        this.metrics.indexed(items.family, pending.length);
        if (failures > 0) {
          this.logger.log({ documents: pending.length, attempts: failures + 1 }, 'OpenSearch took the documents');
        }
        return;
      }
      const next = 'result' in sent ? this.sortOut(items, pending, sent.result) : { items: pending, busy: true };
      // Documents only turned into raw-line ones go again at once; others wait, as OpenSearch is down or busy.
      if (next.busy) {
        failures++;
        this.metrics.retried(items.family, next.items.length);
        await this.backoff(failures, next.items.length, 'error' in sent ? sent.error : 'documents not taken');
      }
      pending = next.items;
    }
  }

  /**
   * Counts what OpenSearch took; returns the items to send again (refused ones now as raw-line documents) and
   * whether some of them were not taken because OpenSearch was busy or failing.
   */
  private sortOut(
    items: BulkItems,
    pending: readonly number[],
    result: BulkResult,
  ): { readonly items: number[]; readonly busy: boolean } {
    const next: number[] = [];
    let busy = false;
    let created = 0;
    let exists = 0;
    const answered = result.items.length === pending.length;
    for (let k = 0; k < pending.length; k++) {
      const item = pending[k];
      const answer = answered ? result.items[k] : undefined;
      switch (itemOutcome(answer)) {
        case 'created':
          created++;
          break;
        case 'exists':
          exists++;
          break;
        case 'retry':
          next.push(item);
          busy = true;
          break;
        case 'refused':
          next.push(item);
          if (items.isRaw(item)) {
            // A raw-line document fits any index of ours: the cluster itself must be refusing (e.g. out of shards).
            busy = true;
            this.logger.error(
              { index: items.index(item), id: items.id(item), type: answer?.type, reason: answer?.reason },
              'OpenSearch refused a raw-line document; retrying it',
            );
          } else {
            items.toRaw(item, `refused by OpenSearch: ${answer?.type ?? 'error'}: ${answer?.reason ?? ''}`);
            this.metrics.raw(items.family, 'refused');
          }
          break;
      }
    }
    this.metrics.indexed(items.family, created);
    this.metrics.alreadyIndexed(items.family, exists);
    return { items: next, busy };
  }

  /** One bulk request: its answer, or why it failed in a way worth retrying (OpenSearch down, busy or failing). */
  private async send(
    items: BulkItems,
    pending: readonly number[],
  ): Promise<{ readonly result: BulkResult } | { readonly error: string }> {
    const body = items.body(pending);
    await this.slots.acquire(this.stopping.signal);
    try {
      return { result: await this.repository.bulk(body, this.cancelRequests.signal) };
    } catch (error) {
      if (this.stopping.signal.aborted) {
        throw this.stopping.signal.reason;
      }
      if (!isRetryableRequestError(error)) {
        throw error;
      }
      return { error: errorMessage(error) };
    } finally {
      this.slots.release();
    }
  }

  private async backoff(failures: number, documents: number, problem: string): Promise<void> {
    const delayMs = retryDelay(failures, this.config.retryInitialMs, this.config.retryMaxMs);
    this.logger.warn(
      { attempt: failures, documents, retryInMs: delayMs, err: problem },
      'OpenSearch bulk request not (fully) taken; sending again later (the messages stay unacked)',
    );
    await abortableSleep(delayMs, this.stopping.signal);
  }
}
