import type { ReactNode } from 'react';
import type { ApiError } from '../../api/api-error';
import { Loading } from '../../components/loading';

/**
 * A titled box around one chart: `testId` marks the element that contains the Recharts SVG. Says why a chart is
 * empty (no data yet, or the API failed) instead of drawing empty axes.
 */
export function ChartPanel(props: {
  testId: string;
  title: string;
  subtitle?: ReactNode;
  loading: boolean;
  error?: ApiError;
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  const { testId, title, subtitle, loading, error, empty, emptyText, children } = props;
  let body: ReactNode;
  if (error && empty) {
    body = (
      <p className="chart-message chart-error" role="alert">
        Could not load: {error.message}
      </p>
    );
  } else if (loading && empty) {
    body = <Loading />;
  } else if (empty) {
    body = <p className="chart-message muted">{emptyText}</p>;
  } else {
    body = children;
  }
  return (
    <figure
      className="panel chart-panel"
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      data-empty={empty || undefined}
    >
      <figcaption className="chart-title">
        <h2 id={`${testId}-title`}>{title}</h2>
        {subtitle && <span className="muted small">{subtitle}</span>}
      </figcaption>
      <div className="chart-body">{body}</div>
    </figure>
  );
}
