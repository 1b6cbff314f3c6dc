import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

// Health checks (HAProxy), metrics scraping, the API documentation and how to sign in (the web UI asks before it
// has a token, and a stale token must not hide the answer) need no token and count against no limit.
const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics', '/api/v1/auth/config']);
// The UI and its JSON/YAML documents (/api/docs, /api/docs.json, /api/docs-json, /api/docs/...).
const DOCS_PREFIX = '/api/docs';

/** Whether a request path is outside authentication and rate limits. */
export function isOpenPath(path: string): boolean {
  return OPEN_PATHS.has(path) || path.startsWith(DOCS_PREFIX);
}

/** The HTTP request a guard must check, or undefined when there is none to check (not HTTP, or an open path). */
export function guardedRequest(context: ExecutionContext): Request | undefined {
  if (context.getType() !== 'http') {
    return undefined;
  }
  const request = context.switchToHttp().getRequest<Request>();
  return isOpenPath(request.path) ? undefined : request;
}
