import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useDocumentTitle } from '../../app/use-document-title';
import { completeOidcSignIn } from '../../auth/oidc';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';

/** `/sign-in/callback`: where the identity provider sends the browser back with `code` and `state`. */
export function OidcCallbackPage() {
  useDocumentTitle('Signing in');
  const { search } = useLocation();
  const navigate = useNavigate();
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    let cancelled = false;
    completeOidcSignIn(search).then(
      (next) => {
        if (!cancelled) {
          void navigate(next, { replace: true });
        }
      },
      (err: unknown) => {
        if (!cancelled) {
          setError(err instanceof Error ? err : new Error(String(err)));
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [search, navigate]);

  return (
    <section className="page sign-in">
      <div className="panel sign-in-panel">
        <h1>Signing in</h1>
        {error ? (
          <>
            <ErrorBox error={error} title="Sign-in failed" />
            <p>
              <Link to="/sign-in">Back to sign-in</Link>
            </p>
          </>
        ) : (
          <Loading label="Completing the sign-in with the identity provider…" />
        )}
      </div>
    </section>
  );
}
