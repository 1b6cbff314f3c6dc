import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Loading } from '../components/loading';
import { HomePage } from '../pages/home/home-page';
import { SignInPage } from '../pages/sign-in/sign-in-page';
import { OidcCallbackPage } from '../pages/sign-in/oidc-callback-page';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';

// The front page is in the main bundle (it must be interactive within 1 s); every other page, and Recharts with them,
// is its own chunk loaded on first visit.
const loadTestPage = () => import('../pages/test/test-page');
const TestPage = lazy(() => loadTestPage().then((m) => ({ default: m.TestPage })));
// W2's pages (src/pages/{sites,queue,decisions,templates}):
const SitesPage = lazy(() => import('../pages/sites/sites-page').then((m) => ({ default: m.SitesPage })));
const QueuePage = lazy(() => import('../pages/queue/queue-page').then((m) => ({ default: m.QueuePage })));
const DecisionsPage = lazy(() =>
  import('../pages/decisions/decisions-page').then((m) => ({ default: m.DecisionsPage })),
);
const TemplatesPage = lazy(() =>
  import('../pages/templates/templates-page').then((m) => ({ default: m.TemplatesPage })),
);
const TemplatePage = lazy(() => import('../pages/templates/template-page').then((m) => ({ default: m.TemplatePage })));
const TemplateEditPage = lazy(() =>
  import('../pages/templates/template-edit-page').then((m) => ({ default: m.TemplateEditPage })),
);

function page(element: ReactNode) {
  return <Suspense fallback={<Loading />}>{element}</Suspense>;
}

/** Once the first page is idle, fetches the test page's chunk (and Recharts), the page one opens next. */
function usePrefetchTestPage(): void {
  useEffect(() => {
    const prefetch = () => void loadTestPage().catch(() => undefined);
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(prefetch, { timeout: 3000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(prefetch, 1500);
    return () => window.clearTimeout(timer);
  }, []);
}

export function AppRoutes() {
  usePrefetchTestPage();
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="tests/:id" element={page(<TestPage />)} />
        <Route path="sites" element={page(<SitesPage />)} />
        <Route path="queues/:id" element={page(<QueuePage />)} />
        <Route path="decisions" element={page(<DecisionsPage />)} />
        <Route path="templates" element={page(<TemplatesPage />)} />
        <Route path="templates/new" element={page(<TemplateEditPage />)} />
        <Route path="templates/:id" element={page(<TemplatePage />)} />
        <Route path="templates/:id/edit" element={page(<TemplateEditPage />)} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="sign-in/callback" element={<OidcCallbackPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
