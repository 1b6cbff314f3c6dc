import type { ApiError } from '../api/api-error';

/** An API failure, said plainly: the message, the code and status, and the field problems if any. */
export function ErrorBox({
  error,
  title,
  onRetry,
}: {
  error: ApiError | Error | string;
  title?: string;
  onRetry?(): void;
}) {
  const message = typeof error === 'string' ? error : error.message;
  const api = typeof error === 'object' && 'code' in error ? error : undefined;
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <strong>{title ?? 'Something went wrong'}</strong>
      <span className="error-message">{message}</span>
      {api && (
        <span className="error-code">
          {api.code}
          {api.status ? ` · HTTP ${api.status}` : ''}
        </span>
      )}
      {api && api.details.length > 1 && (
        <ul>
          {api.details.map((d, i) => (
            <li key={`${d.field}-${i}`}>
              <code>{d.field}</code> {d.problem}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
