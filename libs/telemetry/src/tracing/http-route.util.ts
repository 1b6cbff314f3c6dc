import type { IncomingMessage } from 'node:http';

interface ExpressRouting {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: unknown;
}

/**
 * The route template Express matched for a request (`/api/v1/tests/:id`), or undefined when no route matched
 * (a 404, or an error before routing). Read when the response is sent: Express sets it while routing.
 */
export function httpRouteOf(request: IncomingMessage): string | undefined {
  const { route, baseUrl } = request as IncomingMessage & ExpressRouting;
  if (route === undefined || typeof route.path !== 'string') {
    return undefined;
  }
  return typeof baseUrl === 'string' ? `${baseUrl}${route.path}` : route.path;
}
