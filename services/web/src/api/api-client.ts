import { ApiError } from './api-error';
import { credentialExpired, getCredential, reportUnauthorized } from './credentials';

/** Every path given to the client is relative to this prefix, e.g. `apiGet('/queues')`. */
export const API_PREFIX = '/api/v1';

export type Query = Record<string, string | number | undefined>;

/** `/api/v1<path>?<query>`; undefined and empty query values are left out. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.append(key, String(value));
      }
    }
  }
  const qs = params.toString();
  return `${API_PREFIX}${path}${qs ? `?${qs}` : ''}`;
}

interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send no credential (public answers such as the sign-in configuration). */
  anonymous?: boolean;
}

async function request<T>(method: string, url: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  if (!options.anonymous && credentialExpired()) {
    // An OIDC access token past its expiry: what the API would answer, without asking it.
    reportUnauthorized(true);
    throw new ApiError(401, 'UNAUTHORIZED', 'Your sign-in has expired. Sign in again.');
  }
  const credential = options.anonymous ? null : getCredential();
  const headers = options.headers ?? {};
  const signal = options.signal;
  const allHeaders: Record<string, string> = { Accept: 'application/json', ...headers };
  if (credential) {
    allHeaders.Authorization = `Bearer ${credential.token}`;
  }
  if (body !== undefined) {
    allHeaders['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: allHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') {
      throw err;
    }
    throw new ApiError(0, 'NETWORK_ERROR', 'The API could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = ApiError.fromBody(response.status, parsed, `${method} ${url}: HTTP ${response.status}`);
    if (response.status === 401) {
      reportUnauthorized(credential !== null);
    }
    throw error;
  }
  return parsed as T;
}

/**
 * GET `/api/v1<path>` with the signed-in credentials (none with `anonymous`); throws ApiError on any non-2xx
 * answer. A 401 drops a stale credential and sends the user to the sign-in page (see SessionProvider).
 */
export function apiGet<T>(
  path: string,
  query?: Query,
  options?: { signal?: AbortSignal; anonymous?: boolean },
): Promise<T> {
  return request<T>('GET', apiUrl(path, query), undefined, options);
}

/**
 * A write to `/api/v1<path>` with a JSON body; `idempotencyKey` is sent as `Idempotency-Key` (a retried POST with the
 * same key is answered once). Resolves to the parsed answer (undefined for an empty one); throws ApiError.
 */
export function apiSend<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options?: { idempotencyKey?: string },
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options?.idempotencyKey) {
    headers['Idempotency-Key'] = options.idempotencyKey;
  }
  return request<T>(method, apiUrl(path), body, { headers });
}

/** A fresh key for `apiSend(..., { idempotencyKey })`: one per user action, reused when that action is retried. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
