/** Injection token of the shipper's OpenSearch `Client`. */
export const OPENSEARCH_CLIENT = Symbol('OPENSEARCH_CLIENT');

/** How often the shipper deletes expired daily indices when OpenSearch has no ISM plugin. */
export const RETENTION_SWEEP_INTERVAL_MS = 3600 * 1000;
