import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { httpRouteOf } from '../tracing/http-route.util';
import { requestPath } from '../tracing/request-path.util';
import { UNTRACED_PATHS } from '../tracing/untraced-paths.constant';
import { accessLogFields, type AccessLogEnd, type AccessLogStart } from './access-log-fields.util';

/** What Express adds to a request: `ip` (through the app's `trust proxy`). */
interface FrameworkRequest extends IncomingMessage {
  readonly ip?: unknown;
}

/**
 * Writes one access line per request of `server` (not for `/healthz`, `/readyz`, `/metrics`) through `logger`, when
 * its response is finished or the client closed the connection first. Listens before the framework, so every
 * request is seen, even one the framework answers without reaching a route (a bad body, a 404). Returns a function
 * that stops it.
 */
export function installAccessLog(server: Server, logger: Logger, service: string): () => void {
  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? '/';
    if (UNTRACED_PATHS.has(requestPath(url))) {
      return;
    }
    const span = trace.getActiveSpan()?.spanContext();
    const traced = span !== undefined && isSpanContextValid(span);
    const start: AccessLogStart = {
      method: request.method ?? 'GET',
      url,
      startedAt: process.hrtime.bigint(),
      traceId: traced ? span.traceId : undefined,
      spanId: traced ? span.spanId : undefined,
    };
    let logged = false;
    const log = (aborted: boolean): void => {
      if (logged) {
        return;
      }
      logged = true;
      const { level, message, fields } = accessLogFields(service, start, endOf(request, response, aborted));
      logger[level](fields, message);
    };
    response.once('finish', () => log(false));
    response.once('close', () => log(!response.writableFinished));
  };
  server.prependListener('request', onRequest);
  return () => {
    server.off('request', onRequest);
  };
}

function endOf(request: FrameworkRequest, response: ServerResponse, aborted: boolean): AccessLogEnd {
  return {
    endedAt: process.hrtime.bigint(),
    aborted,
    headersSent: response.headersSent,
    statusCode: response.statusCode,
    // pino-http's `genReqId` sets `id` and the response header.
    requestId: text(request.id) ?? text(response.getHeader('x-request-id')) ?? text(request.headers['x-request-id']),
    route: httpRouteOf(request),
    clientIp: clientIpOf(request),
    forwardedFor: text(request.headers['x-forwarded-for']),
    userAgent: text(request.headers['user-agent']),
    bodyBytes: bodyBytesOf(request, response),
  };
}

function clientIpOf(request: FrameworkRequest): string | undefined {
  try {
    return text(request.ip) ?? request.socket.remoteAddress;
  } catch {
    // A request that never reached Express has no app to read `trust proxy` from.
    return request.socket.remoteAddress;
  }
}

function bodyBytesOf(request: IncomingMessage, response: ServerResponse): number | undefined {
  if (request.method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304) {
    return 0;
  }
  const length = Number(response.getHeader('content-length'));
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') {
    return value;
  }
  return typeof value === 'number' ? String(value) : undefined;
}
