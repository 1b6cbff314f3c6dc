import { Link, useLocation } from 'react-router-dom';
import { useDocumentTitle } from './use-document-title';

export function NotFoundPage() {
  const { pathname } = useLocation();
  useDocumentTitle('Not found');
  return (
    <section className="page">
      <h1>Not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. <Link to="/">Back to the tests</Link>.
      </p>
    </section>
  );
}
