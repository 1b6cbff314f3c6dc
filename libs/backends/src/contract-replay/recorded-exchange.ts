/**
 * What a client sent, as recorded. Every field set here must match the replayed request:
 * - `method` and `path` exactly (the path without its query);
 * - `query` exactly: the same keys, each with the same value (a repeated key as an array, in order); absent means no query;
 * - `headers`: each listed header (name case-insensitive) with exactly this value; others are not checked;
 * - `body`: absent means the request has no body. A JSON body matches when every field recorded here is present
 *   with an equal value (objects may carry more fields; arrays must have the same length). A recorded
 *   `{ "$json": <value> }` matches a string holding JSON that matches `<value>`; a recorded `{ "$any": true }`
 *   matches any present value. A text body is compared as a string.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What the server answered: a JSON body is sent as `application/json`, a string as `text/plain` unless headers say otherwise. */
export interface RecordedHttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** The connection broke before any answer: the replay server destroys the socket. */
export interface RecordedNetworkError {
  readonly networkError: true;
}

export type RecordedResponse = RecordedHttpResponse | RecordedNetworkError;

/** One request and the answer to it. `name` appears in mismatch reports. */
export interface RecordedExchange {
  readonly name: string;
  readonly request: RecordedRequest;
  readonly response: RecordedResponse;
}

/** A fixture file (`<backend>/contract/*.json`): exchanges replayed in order, and where their shapes come from. */
export interface ContractFixture {
  readonly description: string;
  /** Public sources the request and response shapes follow (repository paths, API reference pages). */
  readonly sources: readonly string[];
  readonly exchanges: readonly RecordedExchange[];
}
