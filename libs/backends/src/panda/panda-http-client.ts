import { PandaApiException } from './panda-api.exception';

/** How to reach a PanDA server and who to be there. */
export interface PandaConnection {
  /** The server's base URL without the API path, e.g. `https://pandaserver.cern.ch:25443`. */
  readonly baseUrl: string;
  /** OIDC ID token, or a function returning a fresh one (called before every request). */
  readonly token: string | (() => Promise<string>);
  /** Virtual organisation sent as the `Origin` header, as PanDA's own clients do (`PANDA_AUTH_VO`). */
  readonly vo?: string;
  readonly requestTimeoutMs: number;
  readonly fetch: typeof fetch;
}

/** PanDA API v1 answers every call with this envelope, errors included (with HTTP 200). */
interface PandaEnvelope {
  readonly success: boolean;
  readonly message?: string;
  readonly data?: unknown;
}

function isEnvelope(value: unknown): value is PandaEnvelope {
  return typeof value === 'object' && value !== null && typeof (value as PandaEnvelope).success === 'boolean';
}

/**
 * Calls to PanDA's HTTP API v1 (`<baseUrl>/api/v1/<call>`), authenticated the way `pandaserver/api/v1/http_client.py`
 * does with OIDC: `Authorization: Bearer <token>`, `Origin: <vo>`, JSON in and out. Returns the envelope's `data`;
 * throws a `PandaApiException` naming the call on a network error, a timeout, an HTTP error or `success: false`.
 */
export class PandaHttpClient {
  constructor(private readonly connection: PandaConnection) {}

  /** GET with query parameters; an array value repeats its key (`job_ids=1&job_ids=2`), as `panda-client` sends lists. */
  get(call: string, query: Readonly<Record<string, string | readonly string[]>>): Promise<unknown> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const item of typeof value === 'string' ? [value] : value) {
        params.append(key, item);
      }
    }
    return this.request(call, 'GET', `?${params.toString()}`);
  }

  post(call: string, body: Readonly<Record<string, unknown>>): Promise<unknown> {
    return this.request(call, 'POST', '', JSON.stringify(body));
  }

  private async request(call: string, method: string, search: string, body?: string): Promise<unknown> {
    const { connection } = this;
    const token = typeof connection.token === 'string' ? connection.token : await connection.token();
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (connection.vo !== undefined) {
      headers.Origin = connection.vo;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const url = `${connection.baseUrl.replace(/\/+$/, '')}/api/v1/${call}${search}`;
    let response: Response;
    let text: string;
    try {
      response = await connection.fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(connection.requestTimeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : error;
      throw new PandaApiException(call, `the server could not be reached (${String(cause)})`);
    }
    if (!response.ok) {
      throw new PandaApiException(call, `HTTP ${response.status} ${text.slice(0, 200)}`.trim(), response.status);
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = undefined;
    }
    if (!isEnvelope(envelope)) {
      throw new PandaApiException(
        call,
        `the answer is not a PanDA API response: ${text.slice(0, 200)}`,
        response.status,
      );
    }
    if (!envelope.success) {
      throw new PandaApiException(call, `the server refused: ${envelope.message ?? 'no message'}`, response.status);
    }
    return envelope.data;
  }
}
