import type { BusHandlerExtras } from '@anvil/bus';

export const LOGS_DURABLE = 'shipper-logs';
export const ACCESS_DURABLE = 'shipper-access';
export const QUEUE_DECISIONS_DURABLE = 'shipper-queue-decisions';
export const OUTAGES_DURABLE = 'shipper-outages';

// Log batches hold up to 1,000 lines (256 Ki characters): 32 of them make a handler call of a few MB, which the
// indexer cuts into bulk requests of `ANVIL_SHIPPER_BULK_MAX_BYTES`; the runner holds at most 32 x 3 per consumer.
// Two calls at a time, so one is built while the other is in OpenSearch (the indexer bounds requests in flight for
// the whole process). The indexer retries OpenSearch outages itself, keeping the messages alive with `working()`:
// a handler throws only when the shipper stops or a request is refused as a whole, so many deliveries are allowed.
export const LOG_CONSUMER: Omit<BusHandlerExtras, 'durable'> = {
  batch: true,
  batchSize: 32,
  concurrency: 2,
  maxDeliver: 100,
  backoffMs: [1_000, 5_000, 15_000, 30_000, 60_000],
  ackWaitMs: 30_000,
};

// Decisions are few: small batches, one at a time per consumer.
export const DECISION_CONSUMER: Omit<BusHandlerExtras, 'durable'> = {
  batch: true,
  batchSize: 200,
  concurrency: 1,
  maxDeliver: 100,
  backoffMs: [1_000, 5_000, 15_000, 30_000, 60_000],
  ackWaitMs: 30_000,
};
