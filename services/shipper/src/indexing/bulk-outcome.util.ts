import { errors } from '@opensearch-project/opensearch';
import type { BulkItemResult } from './bulk-result.type';

/**
 * What to do with a document after OpenSearch answered for it: `created`, `exists` (409: indexed before, by an
 * earlier delivery: done, and never a duplicate), `retry` (OpenSearch is busy or broken: send it again later), or
 * `refused` (the document itself is wrong for the index: send its raw-line document instead).
 */
export type ItemOutcome = 'created' | 'exists' | 'retry' | 'refused';

// Errors about the cluster's state, not the document: the same document succeeds later.
const TRANSIENT_TYPES = new Set([
  'cluster_block_exception',
  'es_rejected_execution_exception',
  'rejected_execution_exception',
  'circuit_breaking_exception',
  'unavailable_shards_exception',
  'no_shard_available_action_exception',
  'process_cluster_event_timeout_exception',
  'node_not_connected_exception',
  'node_closed_exception',
  'timeout_exception',
]);

export function itemOutcome(item: BulkItemResult | undefined): ItemOutcome {
  if (item === undefined) {
    return 'retry';
  }
  if (item.status === 200 || item.status === 201) {
    return 'created';
  }
  if (item.status === 409) {
    return 'exists';
  }
  if (item.status === 429 || item.status >= 500 || (item.type !== undefined && TRANSIENT_TYPES.has(item.type))) {
    return 'retry';
  }
  return 'refused';
}

/**
 * Whether a failed bulk request should be sent again as it is: OpenSearch unreachable, timed out, answering 429 or
 * 5xx (or a cluster block). Any other 4xx means the request itself is wrong (a bug, or a body over OpenSearch's
 * `http.max_content_length`): sending it again cannot help.
 */
export function isRetryableRequestError(error: unknown): boolean {
  if (error instanceof errors.ResponseError) {
    const status = error.statusCode;
    const type = (error.body as { error?: { type?: unknown } } | undefined)?.error?.type;
    return status === 408 || status === 429 || status >= 500 || (typeof type === 'string' && TRANSIENT_TYPES.has(type));
  }
  return (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError ||
    // A body cut short (a proxy or node going away mid-answer).
    error instanceof errors.DeserializationError
  );
}
