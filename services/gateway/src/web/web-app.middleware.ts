import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import type { ApiErrorBodyDto } from '../errors/api-error-body.dto';
import { SERVER_PATHS } from './server-paths.constant';
import { WebCompression } from './web-compression';
import type { WebDist } from './web-dist';
import { WEB_ENCODINGS, type WebEncoding } from './web-encoding';
import type { WebFile } from './web-file';

const MISSING_BUILD: ApiErrorBodyDto = {
  statusCode: 503,
  error: STATUS_CODES[503]!,
  code: ApiErrorCode.Unavailable,
  message:
    'the web UI is not built: its folder (ANVIL_WEB_DIST, by default services/web/dist) has no index.html; ' +
    '`npm run build` builds it',
  details: [],
};

/**
 * Serves the web UI from memory, before the API's routes, guards and rate limits (the UI is public like
 * `/api/docs`; what it shows comes from the API, which checks every call): a file of the build at its path,
 * `index.html` for any other GET or HEAD that accepts HTML (the single-page app's routes), except under
 * `/api`, `/healthz`, `/readyz` and `/metrics`. Everything else goes on to the API (a JSON 404 if nothing matches).
 */
export function webAppMiddleware(dist: WebDist, compression = new WebCompression()): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isServerPath(request.path)) {
      next();
      return;
    }
    const path = decoded(request.path);
    const file = dist.files.get(path);
    if (file) {
      send(request, response, file, dist.index, compression);
      return;
    }
    const page = path === '/' || (!path.startsWith('/assets/') && request.accepts('html') !== false);
    if (!page) {
      next();
      return;
    }
    if (!dist.index) {
      setRequestId(request, response);
      response.status(503).setHeader('Cache-Control', 'no-store').json(MISSING_BUILD);
      return;
    }
    send(request, response, dist.index, dist.index, compression);
  };
}

function send(
  request: Request,
  response: Response,
  file: WebFile,
  index: WebFile | null,
  compression: WebCompression,
): void {
  const [encoding, encoded] = file.compressible ? compressed(request, file, compression) : [];
  // One validator per form: a cache must not answer a gzip request with a brotli body it validated.
  const etag = encoding ? `${file.etag.slice(0, -1)}-${encoding}"` : file.etag;
  setRequestId(request, response);
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Cache-Control', file.cacheControl);
  response.setHeader('ETag', etag);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (file === index) {
    // The page holds the user's token (sessionStorage): never inside another site's frame, no plugins, no <base>.
    response.setHeader('Content-Security-Policy', "frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'same-origin');
  }
  if (file.compressible) {
    response.setHeader('Vary', 'Accept-Encoding');
  }
  if (matches(request.headers['if-none-match'], etag)) {
    response.status(304).end();
    return;
  }
  const body = encoded ?? file.body;
  if (encoding) {
    response.setHeader('Content-Encoding', encoding);
  }
  response.setHeader('Content-Length', body.length);
  response.status(200).end(request.method === 'HEAD' ? undefined : body);
}

/** The first form the client accepts (brotli before gzip, whatever order it lists them in) that is ready. */
function compressed(request: Request, file: WebFile, compression: WebCompression): [WebEncoding, Buffer] | [] {
  for (const encoding of WEB_ENCODINGS) {
    const body = request.acceptsEncodings(encoding) === encoding ? compression.get(file, encoding) : undefined;
    if (body) {
      return [encoding, body];
    }
  }
  return [];
}

/** As the API's answers (pino-http's `genReqId`, which these requests do not reach): the edge's id, or a new one. */
function setRequestId(request: Request, response: Response): void {
  const header = request.headers['x-request-id'];
  response.setHeader('X-Request-ID', typeof header === 'string' && header !== '' ? header : randomUUID());
}

function isServerPath(path: string): boolean {
  // Express matches routes without regard to case or a trailing slash: so does this.
  const lower = path.toLowerCase();
  return SERVER_PATHS.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
