/** A `label` query filter: `key=value`, the key as in labels (1-128 letters, digits, `_`, `.`, `-`, `/`). */
export const LABEL_FILTER_PATTERN = /^[A-Za-z0-9_.\-/]{1,128}=.{0,256}$/s;

/**
 * The labels a queue must all carry, from `key=value` filters (validated by `IsLabelFilter`), as the JSON
 * object PostgreSQL's `@>` takes; null when there are none.
 */
export function labelsFromFilter(filters: readonly string[] | undefined): string | null {
  if (filters === undefined || filters.length === 0) {
    return null;
  }
  const labels = Object.fromEntries(
    filters.map((filter) => {
      const at = filter.indexOf('=');
      return [filter.slice(0, at), filter.slice(at + 1)];
    }),
  );
  return JSON.stringify(labels);
}
