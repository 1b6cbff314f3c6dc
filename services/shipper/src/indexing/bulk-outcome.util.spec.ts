import { errors } from '@opensearch-project/opensearch';
import { isRetryableRequestError, itemOutcome } from './bulk-outcome.util';

describe('itemOutcome', () => {
  it('counts a created document and one that already exists (a redelivery) as done', () => {
    expect(itemOutcome({ status: 201 })).toBe('created');
    expect(itemOutcome({ status: 409, type: 'version_conflict_engine_exception' })).toBe('exists');
  });

  it('retries a document OpenSearch could not take now', () => {
    expect(itemOutcome({ status: 429, type: 'es_rejected_execution_exception' })).toBe('retry');
    expect(itemOutcome({ status: 503, type: 'unavailable_shards_exception' })).toBe('retry');
    expect(itemOutcome({ status: 403, type: 'cluster_block_exception' })).toBe('retry');
    expect(itemOutcome(undefined)).toBe('retry');
  });

  it('refuses a document that does not fit the index', () => {
    expect(itemOutcome({ status: 400, type: 'mapper_parsing_exception' })).toBe('refused');
    expect(itemOutcome({ status: 400, type: 'illegal_argument_exception' })).toBe('refused');
  });
});

describe('isRetryableRequestError', () => {
  const response = (statusCode: number, type?: string): errors.ResponseError =>
    new errors.ResponseError({
      body: type === undefined ? {} : { error: { type } },
      statusCode,
      headers: {},
      warnings: null,
      meta: {} as never,
    });

  it('retries when OpenSearch is unreachable, slow, busy or failing', () => {
    expect(isRetryableRequestError(new errors.ConnectionError('connect ECONNREFUSED'))).toBe(true);
    expect(isRetryableRequestError(new errors.TimeoutError('Request timed out', {} as never))).toBe(true);
    expect(isRetryableRequestError(response(429))).toBe(true);
    expect(isRetryableRequestError(response(502))).toBe(true);
    expect(isRetryableRequestError(response(403, 'cluster_block_exception'))).toBe(true);
  });

  it('does not retry a request OpenSearch refuses as such, nor an abort or a bug', () => {
    expect(isRetryableRequestError(response(400, 'illegal_argument_exception'))).toBe(false);
    expect(isRetryableRequestError(response(413))).toBe(false);
    expect(isRetryableRequestError(new errors.RequestAbortedError('aborted'))).toBe(false);
    expect(isRetryableRequestError(new TypeError('x is undefined'))).toBe(false);
  });
});
