import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { apiGet } from '../api/api-client';
import { toApiError, type ApiError } from '../api/api-error';
import type { AuthConfig, Me, Role } from '../api/auth.types';
import {
  heldCredential,
  onCredentialChange,
  onUnauthorized,
  setCredential,
  type CredentialKind,
} from '../api/credentials';

export type { Role } from '../api/auth.types';

const RANK: Record<Role, number> = { anonymous: 0, viewer: 1, operator: 2, admin: 3 };

export interface Session {
  role: Role;
  name?: string;
  /** Whether the caller holds at least `role`: what it may not do is not offered (no button rendered). */
  can(role: 'viewer' | 'operator' | 'admin'): boolean;
  /** Forgets the credential; the session falls back to anonymous. */
  signOut(): void;
  /** True once a credential is held (API token or OIDC access token). */
  signedIn: boolean;
  credentialKind?: CredentialKind;
  /** `GET /api/v1/auth/config`, once answered. */
  authConfig?: AuthConfig;
  /** True until the first `/me` answer (or its failure) is in. */
  resolving: boolean;
  /** Why `/me` or `/auth/config` failed, if it did. */
  error?: ApiError;
}

const SessionContext = createContext<Session | null>(null);

/** Query parameter the sign-in page reads to say why the user was sent there. */
export const SIGN_IN_REASON = 'reason';
export type SignInReason = 'expired' | 'required' | 'signed-out';

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [credentialVersion, setCredentialVersion] = useState(0);
  const [me, setMe] = useState<Me | undefined>();
  const [authConfig, setAuthConfig] = useState<AuthConfig | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [resolving, setResolving] = useState(true);

  useEffect(() => onCredentialChange(() => setCredentialVersion((v) => v + 1)), []);

  useEffect(() => {
    let cancelled = false;
    apiGet<AuthConfig>('/auth/config', undefined, { anonymous: true }).then(
      (c) => !cancelled && setAuthConfig(c),
      (e: unknown) => !cancelled && setError(toApiError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    setResolving(true);
    apiGet<Me>('/me').then(
      (m) => {
        if (!cancelled) {
          setMe(m);
          setError(undefined);
          setResolving(false);
        }
      },
      (e: unknown) => {
        if (!cancelled) {
          setMe(undefined);
          setError(toApiError(e));
          setResolving(false);
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [credentialVersion]);

  // A 401 anywhere: a stale token is dropped (by the client) and the user sent to sign in, saying why.
  useEffect(
    () =>
      onUnauthorized((hadCredential) => {
        if (window.location.pathname === '/sign-in') {
          return;
        }
        const reason: SignInReason = hadCredential ? 'expired' : 'required';
        const next = window.location.pathname + window.location.search;
        void navigate(`/sign-in?${SIGN_IN_REASON}=${reason}&next=${encodeURIComponent(next)}`, { replace: true });
      }),
    [navigate],
  );

  const signOut = useCallback(() => {
    setCredential(null);
    void navigate(`/sign-in?${SIGN_IN_REASON}=signed-out`);
  }, [navigate]);

  // A new credential is a new object (setCredential), so the memo below follows sign-in and sign-out. Read without
  // side effects: an expired one is dropped by the next API call (which then sends the user to sign in).
  const credential = heldCredential();
  const session = useMemo<Session>(() => {
    const role: Role = me?.role ?? 'anonymous';
    return {
      role,
      name: me?.name ?? undefined,
      can: (wanted) => RANK[role] >= RANK[wanted],
      signOut,
      signedIn: credential !== null,
      credentialKind: credential?.kind,
      authConfig,
      resolving,
      error,
    };
  }, [me, signOut, credential, authConfig, resolving, error]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The caller's role and name as the API sees them (`GET /api/v1/me`), and what the role may do. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) {
    throw new Error('useSession() outside <SessionProvider>');
  }
  return s;
}
