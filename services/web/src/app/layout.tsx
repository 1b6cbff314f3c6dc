import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';

const NAV: { to: string; label: string; end?: boolean }[] = [
  { to: '/', label: 'Tests', end: true },
  { to: '/sites', label: 'Sites' },
  { to: '/decisions', label: 'Decisions' },
  { to: '/templates', label: 'Templates' },
];

export function Layout() {
  const session = useSession();
  const location = useLocation();
  const onSignIn = location.pathname.startsWith('/sign-in');
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Anvil home">
          Anvil
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to} end={n.end} className={({ isActive }) => (isActive ? 'active' : undefined)}>
                  {n.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          <span className={`role role-${session.role}`} data-testid="session-role" data-role={session.role}>
            {session.role}
          </span>
          {session.name && (
            <span className="session-name" data-testid="session-name">
              {session.name}
            </span>
          )}
          {session.signedIn ? (
            <button type="button" className="link-button" data-testid="sign-out" onClick={session.signOut}>
              Sign out
            </button>
          ) : (
            !onSignIn && (
              <Link to={`/sign-in?next=${next}`} data-testid="sign-in-link">
                Sign in
              </Link>
            )
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
