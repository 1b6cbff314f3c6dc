/** The OpenSearch of integration tests (never stopped by a test: play an outage with `TcpProxy`). */
export const TEST_OPENSEARCH_URL = process.env.ANVIL_TEST_OPENSEARCH_URL ?? 'http://127.0.0.1:9200';

export interface OpenSearchAnswer {
  readonly status: number;
  // Tests read OpenSearch's answers by path (`body.hits.hits`); typing every one would add nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** One request to the real OpenSearch, for setting up and checking what a test's shipper did; any status is answered. */
export async function openSearch(method: string, path: string, body?: unknown): Promise<OpenSearchAnswer> {
  const response = await fetch(`${TEST_OPENSEARCH_URL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
