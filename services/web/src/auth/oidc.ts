import type { AuthConfig } from '../api/auth.types';
import { setCredential } from '../api/credentials';
import { codeChallengeS256, decodeJwtClaims, randomToken } from './pkce';

/**
 * OIDC authorization code flow with PKCE (S256) against the issuer the API announces (`GET /api/v1/auth/config`).
 * The browser is a public client: no secret. The pending request (state, nonce, verifier) is kept in sessionStorage
 * between the redirect to the issuer and the return to `/sign-in/callback`; the access token it yields is sent to
 * the API as `Authorization: Bearer`, which verifies it (signature, issuer, audience, roles).
 */

export const CALLBACK_PATH = '/sign-in/callback';
const PENDING_KEY = 'anvil.oidc.pending';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

interface PendingRequest {
  state: string;
  nonce: string;
  verifier: string;
  issuer: string;
  clientId: string;
  tokenEndpoint: string;
  redirectUri: string;
  next: string;
  createdAt: number;
}

interface TokenResponse {
  access_token?: string;
  id_token?: string;
  token_type?: string;
  expires_in?: number;
  error?: string;
  error_description?: string;
}

/** A sign-in that did not work, with a sentence for the user. */
export class OidcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcError';
  }
}

const PENDING_MAX_AGE_MS = 10 * 60 * 1000;

async function discover(issuer: string): Promise<Discovery> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new OidcError(`The identity provider ${issuer} could not be reached.`);
  }
  if (!res.ok) {
    throw new OidcError(`The identity provider's discovery document answered HTTP ${res.status} (${url}).`);
  }
  const doc = (await res.json()) as Partial<Discovery>;
  if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') {
    throw new OidcError('The identity provider announces no authorization or token endpoint.');
  }
  if (doc.issuer !== undefined && normalizeIssuer(doc.issuer) !== normalizeIssuer(issuer)) {
    throw new OidcError(`The discovery document names issuer ${doc.issuer}, not ${issuer}.`);
  }
  return { issuer, authorization_endpoint: doc.authorization_endpoint, token_endpoint: doc.token_endpoint };
}

function normalizeIssuer(i: string): string {
  return i.replace(/\/+$/, '');
}

/**
 * A path inside the app to go back to (never another origin): browsers read `/\host` as `//host` and drop tabs and
 * line breaks (`/\t/host`), so a backslash or white space anywhere is refused too.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in') || /[\\\s]/.test(next)) {
    return '/';
  }
  return next;
}

/** Redirects the browser to the issuer's authorization endpoint; resolves never (the page unloads). */
export async function startOidcSignIn(oidc: NonNullable<AuthConfig['oidc']>, next: string): Promise<void> {
  const discovery = await discover(oidc.issuer);
  const verifier = randomToken(48);
  const challenge = await codeChallengeS256(verifier);
  const redirectUri = `${window.location.origin}${CALLBACK_PATH}`;
  const pending: PendingRequest = {
    state: randomToken(24),
    nonce: randomToken(24),
    verifier,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    tokenEndpoint: discovery.token_endpoint,
    redirectUri,
    next: safeNext(next),
    createdAt: Date.now(),
  };
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const scopes = new Set(['openid', ...oidc.scopes]);
  const url = new URL(discovery.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', [...scopes].join(' '));
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  window.location.assign(url.toString());
}

// React's StrictMode runs effects twice in development: one exchange per code, whoever asks.
const exchanges = new Map<string, Promise<string>>();

/**
 * Completes the sign-in on `/sign-in/callback?code=&state=`: checks the state, exchanges the code (with the PKCE
 * verifier) at the token endpoint, checks the ID token's nonce, issuer and audience, and keeps the access token.
 * Resolves to the path to go back to.
 */
export function completeOidcSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const key = params.get('code') ?? params.get('error') ?? search;
  let p = exchanges.get(key);
  if (!p) {
    p = exchange(params);
    exchanges.set(key, p);
  }
  return p;
}

async function exchange(params: URLSearchParams): Promise<string> {
  const raw = window.sessionStorage.getItem(PENDING_KEY);
  window.sessionStorage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new OidcError(`The identity provider refused the sign-in: ${description ?? error}.`);
  }
  const code = params.get('code');
  const state = params.get('state');
  if (!code || !state) {
    throw new OidcError('The identity provider sent back no authorization code.');
  }
  if (!raw) {
    throw new OidcError('No sign-in was in progress in this tab (or it was already completed). Start again.');
  }
  const pending = JSON.parse(raw) as PendingRequest;
  if (pending.state !== state) {
    throw new OidcError('The sign-in answer does not match the request made from this tab (state). Start again.');
  }
  if (Date.now() - pending.createdAt > PENDING_MAX_AGE_MS) {
    throw new OidcError('The sign-in took too long. Start again.');
  }

  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: pending.clientId,
    code_verifier: pending.verifier,
  });
  let res: Response;
  try {
    res = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    });
  } catch {
    throw new OidcError('The identity provider’s token endpoint could not be reached.');
  }
  let tokens: TokenResponse;
  try {
    tokens = (await res.json()) as TokenResponse;
  } catch {
    throw new OidcError(`The token endpoint answered HTTP ${res.status} without JSON.`);
  }
  if (!res.ok || !tokens.access_token) {
    throw new OidcError(
      `The token endpoint refused the code: ${tokens.error_description ?? tokens.error ?? `HTTP ${res.status}`}.`,
    );
  }
  if (!tokens.id_token) {
    throw new OidcError('The identity provider returned no ID token, so the sign-in cannot be checked (nonce).');
  }
  const claims = decodeJwtClaims(tokens.id_token);
  if (claims.nonce !== pending.nonce) {
    throw new OidcError('The ID token does not carry the nonce of this sign-in. Start again.');
  }
  if (typeof claims.iss !== 'string' || normalizeIssuer(claims.iss) !== normalizeIssuer(pending.issuer)) {
    throw new OidcError(`The ID token comes from ${String(claims.iss)}, not ${pending.issuer}.`);
  }
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(pending.clientId)) {
    throw new OidcError('The ID token was not issued to this application (aud).');
  }
  const expiresAt =
    typeof tokens.expires_in === 'number' && tokens.expires_in > 0 ? Date.now() + tokens.expires_in * 1000 : undefined;
  setCredential({ kind: 'oidc', token: tokens.access_token, expiresAt });
  return pending.next;
}
