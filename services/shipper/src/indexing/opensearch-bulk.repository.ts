import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@opensearch-project/opensearch';
import { OPENSEARCH_CLIENT } from '../setup/setup.constants';
import type { BulkItemResult, BulkResult } from './bulk-result.type';

// Only what the shipper reads: a successful 10,000-document answer stays small and quick to parse.
const FILTER_PATH = 'errors,items.*.status,items.*.error.type,items.*.error.reason';

/** One answered action: `{ "create": { "status": 201 } }`. */
type RawBulkItem = Record<string, { status?: number; error?: { type?: string; reason?: string } } | undefined>;

const NO_ERRORS: BulkResult = { errors: false, items: [] };

interface RawBulkAnswer {
  errors?: boolean;
  items?: RawBulkItem[];
}

/** OpenSearch's `_bulk` endpoint, fed a pre-built NDJSON body. */
@Injectable()
export class OpenSearchBulkRepository {
  constructor(@Inject(OPENSEARCH_CLIENT) private readonly client: Client) {}

  /**
   * Sends `body` (NDJSON, one action and one document line each). Throws the client's error when the request as a
   * whole fails (unreachable, timeout, non-2xx); aborts the request when `signal` does.
   */
  async bulk(body: string, signal: AbortSignal): Promise<BulkResult> {
    const request = this.client.transport.request({
      method: 'POST',
      path: '/_bulk',
      querystring: { filter_path: FILTER_PATH },
      bulkBody: body,
    });
    const abort = (): void => request.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const answer = (await request).body as RawBulkAnswer;
      return answer.errors === true ? { errors: true, items: (answer.items ?? []).map(itemResult) } : NO_ERRORS;
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }
}

function itemResult(item: RawBulkItem): BulkItemResult {
  const result = Object.values(item)[0];
  return {
    status: result?.status ?? 0,
    ...(result?.error?.type === undefined ? {} : { type: result.error.type }),
    ...(result?.error?.reason === undefined ? {} : { reason: result.error.reason }),
  };
}
