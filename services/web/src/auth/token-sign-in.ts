import { apiUrl } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Me } from '../api/auth.types';
import { setCredential } from '../api/credentials';

/**
 * Signs in with an API token: asks `GET /api/v1/me` with it first, and keeps it (sessionStorage) only if the API
 * takes it for someone. A refused token is an ApiError with a sentence the sign-in page shows.
 */
export async function signInWithToken(token: string): Promise<Me> {
  const trimmed = token.trim();
  if (!trimmed) {
    throw new ApiError(0, 'TOKEN_EMPTY', 'Paste an API token.');
  }
  let res: Response;
  try {
    res = await fetch(apiUrl('/me'), { headers: { Accept: 'application/json', Authorization: `Bearer ${trimmed}` } });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The API could not be reached. Check your connection and try again.');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (res.status === 401) {
    throw new ApiError(401, 'UNAUTHORIZED', 'This token is not valid: it is unknown, revoked or expired.');
  }
  if (!res.ok) {
    throw ApiError.fromBody(res.status, body, `The API answered HTTP ${res.status}.`);
  }
  const me = body as Me;
  if (!me.authenticated) {
    throw new ApiError(401, 'UNAUTHORIZED', 'The API did not recognise this token.');
  }
  setCredential({ kind: 'token', token: trimmed });
  return me;
}
