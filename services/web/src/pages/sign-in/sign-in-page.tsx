import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { toApiError, type ApiError } from '../../api/api-error';
import { useDocumentTitle } from '../../app/use-document-title';
import { OidcError, safeNext, startOidcSignIn } from '../../auth/oidc';
import { SIGN_IN_REASON, useSession, type SignInReason } from '../../auth/session';
import { signInWithToken } from '../../auth/token-sign-in';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';

const REASONS: Record<SignInReason, string> = {
  expired: 'Your sign-in is no longer accepted by the API (the token expired or was revoked). Sign in again.',
  required: 'This Anvil needs you to sign in before it shows anything.',
  'signed-out': 'You are signed out.',
};

export function SignInPage() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const reasonParam = params.get(SIGN_IN_REASON);
  // Own keys only: `?reason=toString` must not render a function.
  const reason = reasonParam !== null && Object.hasOwn(REASONS, reasonParam) ? (reasonParam as SignInReason) : null;
  const next = safeNext(params.get('next'));
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState<'token' | 'oidc' | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('token');
    setError(null);
    try {
      await signInWithToken(token);
      setToken('');
      void navigate(next, { replace: true });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const oidc = session.authConfig?.oidc ?? null;
  const startOidc = async () => {
    if (!oidc) {
      return;
    }
    setBusy('oidc');
    setError(null);
    try {
      await startOidcSignIn(oidc, next);
    } catch (err) {
      setError(err instanceof OidcError || err instanceof Error ? err : new Error(String(err)));
      setBusy(null);
    }
  };

  return (
    <section className="page sign-in" aria-labelledby="sign-in-title">
      <div className="panel sign-in-panel">
        <h1 id="sign-in-title">Sign in to Anvil</h1>
        {reason && (
          <p
            className={reason === 'signed-out' ? 'notice' : 'notice notice-warn'}
            role="status"
            data-testid="sign-in-reason"
          >
            {REASONS[reason]}
          </p>
        )}
        {session.signedIn && !session.resolving && (
          <p className="notice" data-testid="signed-in-as">
            Signed in as <strong>{session.name ?? 'unknown'}</strong> ({session.role}).{' '}
            <button type="button" className="link-button" onClick={session.signOut}>
              Sign out
            </button>
          </p>
        )}
        {error && <ErrorBox error={error} title="Sign-in failed" />}

        {oidc && (
          <div className="sign-in-section">
            <button
              type="button"
              className="btn btn-primary btn-wide"
              data-testid="sign-in-oidc"
              disabled={busy !== null}
              onClick={() => void startOidc()}
            >
              {busy === 'oidc' ? 'Redirecting…' : 'Sign in with your organisation (OIDC)'}
            </button>
            <p className="muted small">
              Identity provider: <code>{oidc.issuer}</code>
            </p>
            <div className="divider" role="separator">
              <span>or with an API token</span>
            </div>
          </div>
        )}

        <form className="sign-in-section" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="sign-in-token">API token</label>
            <input
              id="sign-in-token"
              data-testid="sign-in-token"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder="anvil_…"
              required
            />
          </div>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="sign-in-submit"
            disabled={busy !== null || !token.trim()}
          >
            {busy === 'token' ? 'Checking…' : 'Sign in'}
          </button>
          <p className="muted small">
            An administrator makes tokens (<code>POST /api/v1/tokens</code>). It is kept in this tab only and sent to
            the API as a bearer token.
          </p>
        </form>

        {session.authConfig?.anonymousReads && !session.signedIn && (
          <p className="muted small">
            Reading is open without signing in; sign in to act as an operator.{' '}
            <Link to="/">Continue without signing in</Link>
          </p>
        )}
        {session.resolving && !session.authConfig && <Loading label="Asking the API how to sign in…" />}
      </div>
    </section>
  );
}
