// Health checks (HAProxy), metrics scraping and the API documentation need no token and count against no limit.
const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);
// The UI and its JSON/YAML documents (/api/docs, /api/docs.json, /api/docs-json, /api/docs/...).
const DOCS_PREFIX = '/api/docs';

/** Whether a request path is outside authentication and rate limits. */
export function isOpenPath(path: string): boolean {
  return OPEN_PATHS.has(path) || path.startsWith(DOCS_PREFIX);
}
