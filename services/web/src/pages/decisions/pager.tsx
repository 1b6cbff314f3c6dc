/** `1–50 of 1,234` with previous / next buttons, for the API's `limit`/`offset` pages. */
export function Pager({
  offset,
  limit,
  total,
  onOffset,
  testId = 'pager',
  labels = ['‹ previous', 'next ›'],
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset(offset: number): void;
  testId?: string;
  labels?: [string, string];
}) {
  if (total <= limit && offset === 0) {
    return null;
  }
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label="pages" data-testid={testId}>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        {labels[0]}
      </button>
      <span className="pager-range">
        {first.toLocaleString('en')}–{last.toLocaleString('en')} of {total.toLocaleString('en')}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        {labels[1]}
      </button>
    </nav>
  );
}
