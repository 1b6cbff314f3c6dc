/** What the access log knows of a request when it starts. */
export interface AccessLogStart {
  readonly method: string;
  /** The request target as received (`/path?query`). */
  readonly url: string;
  /** `process.hrtime.bigint()` when the request came in. */
  readonly startedAt: bigint;
  /** Of the request's span, taken when it starts: the end may run outside the request's context. */
  readonly traceId?: string;
  readonly spanId?: string;
}

/** ...and when its response is finished or the client went away. */
export interface AccessLogEnd {
  readonly endedAt: bigint;
  /** The client closed the connection before the response was sent. */
  readonly aborted: boolean;
  readonly headersSent: boolean;
  readonly statusCode: number;
  readonly requestId?: string;
  /** The route template (`/api/v1/tests/:id`), when the framework matched one. */
  readonly route?: string;
  /** The client, through the trusted proxies (Express `req.ip`), else the socket's peer. */
  readonly clientIp?: string;
  readonly forwardedFor?: string;
  readonly userAgent?: string;
  /** Response body size, when known (`Content-Length`). */
  readonly bodyBytes?: number;
}

/** Status logged for a request the client gave up before any response was sent (as nginx does). */
export const CLIENT_CLOSED_STATUS = 499;

/**
 * The ECS fields of one access line (`event.dataset` `<service>.access`), its message and level: `warn` for a
 * server error, `info` otherwise.
 */
export function accessLogFields(
  service: string,
  start: AccessLogStart,
  end: AccessLogEnd,
): { level: 'info' | 'warn'; message: string; fields: Record<string, string | number> } {
  const queryAt = start.url.indexOf('?');
  const path = queryAt < 0 ? start.url : start.url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : start.url.slice(queryAt + 1);
  const status = end.aborted && !end.headersSent ? CLIENT_CLOSED_STATUS : end.statusCode;
  const fields: Record<string, string | number> = {
    'event.dataset': `${service}.access`,
    'http.request.method': start.method,
    'url.path': path,
    'http.response.status_code': status,
    'event.duration': Number(end.endedAt - start.startedAt),
  };
  const optional: Record<string, string | number | undefined> = {
    'http.request.id': end.requestId,
    'url.query': query === '' ? undefined : query,
    'http.route': end.route,
    'client.ip': end.clientIp,
    'http.request.headers.x_forwarded_for': end.forwardedFor,
    'user_agent.original': end.userAgent,
    'http.response.body.bytes': end.bodyBytes,
    'trace.id': start.traceId,
    'span.id': start.spanId,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) {
      fields[key] = value;
    }
  }
  return {
    level: status >= 500 ? 'warn' : 'info',
    message: `${start.method} ${path} ${status}${end.aborted ? ' (client closed the connection)' : ''}`,
    fields,
  };
}
