/**
 * The bearer credential the API client sends: an API token typed on the sign-in page, or an OIDC access token. Kept
 * in sessionStorage (per tab, gone with the tab), so a reload keeps the user signed in but nothing outlives the tab.
 */
export type CredentialKind = 'token' | 'oidc';

export interface Credential {
  kind: CredentialKind;
  token: string;
  /** OIDC: when the access token expires (ms since epoch), if the token endpoint said. */
  expiresAt?: number;
}

const STORAGE_KEY = 'anvil.credential';

type Listener = () => void;
const changeListeners = new Set<Listener>();
const unauthorizedListeners = new Set<(hadCredential: boolean) => void>();

let cached: Credential | null | undefined;

function read(): Credential | null {
  if (cached !== undefined) {
    return cached;
  }
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Credential>) : null;
    cached =
      parsed && typeof parsed.token === 'string' && (parsed.kind === 'token' || parsed.kind === 'oidc')
        ? { kind: parsed.kind, token: parsed.token, expiresAt: parsed.expiresAt }
        : null;
  } catch {
    cached = null;
  }
  return cached;
}

/** True when the credential held carries an expiry that has passed (an OIDC access token). */
export function credentialExpired(): boolean {
  const c = read();
  return c?.expiresAt !== undefined && c.expiresAt <= Date.now();
}

/**
 * The credential held, expired or not, without changing anything: what a render may call (dropping an expired one
 * notifies listeners, which would set other components' state during that render). The next API call drops it.
 */
export function heldCredential(): Credential | null {
  return read();
}

/** The current credential, or null (anonymous). An OIDC token past its expiry is dropped. */
export function getCredential(): Credential | null {
  const c = read();
  if (c?.expiresAt !== undefined && c.expiresAt <= Date.now()) {
    setCredential(null);
    return null;
  }
  return c;
}

export function setCredential(credential: Credential | null): void {
  cached = credential;
  try {
    if (credential) {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credential));
    } else {
      window.sessionStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Storage refused (private mode quota): the credential lives in memory for this page only.
  }
  changeListeners.forEach((l) => l());
}

/** Called whenever the credential changes (sign-in, sign-out, a stale token dropped). Returns the unsubscribe. */
export function onCredentialChange(listener: Listener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Called when the API answers 401: `hadCredential` tells a stale token (now dropped) from a missing one. */
export function onUnauthorized(listener: (hadCredential: boolean) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function reportUnauthorized(hadCredential: boolean): void {
  if (hadCredential) {
    setCredential(null);
  }
  unauthorizedListeners.forEach((l) => l(hadCredential));
}
