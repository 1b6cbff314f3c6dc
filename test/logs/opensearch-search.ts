import { openSearch as openSearchAnswer } from '@anvil/testing';

/** Test helpers over OpenSearch's REST API (the real server on loopback). */

export type SearchHit = Record<string, unknown>;

/** The `_source` of every document of `pattern` matching `query` (after a refresh), oldest first. */
export async function searchDocuments(pattern: string, query: unknown, size = 1000): Promise<SearchHit[]> {
  await openSearch('POST', `/${pattern}/_refresh?ignore_unavailable=true&allow_no_indices=true`);
  const body = (await openSearch('POST', `/${pattern}/_search?ignore_unavailable=true&allow_no_indices=true`, {
    size,
    query,
    sort: [{ '@timestamp': 'asc' }],
  })) as { hits: { hits: { _source: SearchHit }[] } };
  return body.hits.hits.map((hit) => hit._source);
}

/** Documents of `pattern` (after a refresh), of one `service.name` when given. */
export async function countDocuments(pattern: string, service?: string): Promise<number> {
  const at = `/${pattern}`;
  await openSearch('POST', `${at}/_refresh?ignore_unavailable=true&allow_no_indices=true`);
  const body = (await openSearch('POST', `${at}/_count?ignore_unavailable=true&allow_no_indices=true`, {
    query: service === undefined ? { match_all: {} } : { term: { 'service.name': service } },
  })) as { count: number };
  return body.count;
}

/** Deletes the indices and index templates a test's shipper made under `prefix`. */
export async function deleteIndices(prefix: string): Promise<void> {
  await openSearch('DELETE', `/${prefix}-*?ignore_unavailable=true&allow_no_indices=true`).catch(() => undefined);
  await openSearch('DELETE', `/_index_template/${prefix}-*`).catch(() => undefined);
}

/** `openSearch`'s body, throwing on an error status. */
async function openSearch(method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await openSearchAnswer(method, path, body);
  if (answer.status >= 400) {
    throw new Error(
      `OpenSearch ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
  }
  return answer.body as unknown;
}
