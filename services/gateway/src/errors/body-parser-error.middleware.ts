import type { ErrorRequestHandler } from 'express';
import { ApiErrorCode } from './api-error-code.enum';
import { ApiException } from './api.exception';

interface BodyParserError {
  /** Set by body-parser on its own errors; absent on errors it passes through (e.g. zlib's, from a bad gzip body). */
  type?: string;
  status: number;
  message: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as Partial<BodyParserError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    // http-errors' client errors are `expose`d: body-parser's own (with a type) and the ones it wraps.
    (typeof candidate.type === 'string' || (candidate as { expose?: unknown }).expose === true)
  );
}

/**
 * Express error middleware placed right after the body parsers. It turns their errors into
 * `ApiException`s, so the exception filter answers them like any other bad request (Nest would
 * otherwise turn malformed JSON into a generic 400 and an oversized body into a 500).
 */
export function bodyParserErrorMiddleware(limitText: string): ErrorRequestHandler {
  return (error: unknown, _req, _res, next) => {
    if (!isBodyParserError(error)) {
      next(error);
      return;
    }
    switch (error.type ?? 'wrapped') {
      case 'entity.parse.failed':
        next(
          new ApiException(ApiErrorCode.InvalidJson, 'invalid JSON body', [
            { field: 'body', problem: `is not valid JSON (${error.message})` },
          ]),
        );
        return;
      case 'entity.too.large':
        next(
          new ApiException(ApiErrorCode.PayloadTooLarge, `request body exceeds ${limitText}`, [
            { field: 'body', problem: `must be at most ${limitText}` },
          ]),
        );
        return;
      case 'charset.unsupported':
      case 'encoding.unsupported':
        next(
          new ApiException(ApiErrorCode.UnsupportedMediaType, error.message, [
            { field: 'body', problem: error.message },
          ]),
        );
        return;
      default:
        next(
          error.status < 500
            ? new ApiException(ApiErrorCode.RequestRejected, 'unreadable request body', [
                { field: 'body', problem: error.message },
              ])
            : error,
        );
    }
  };
}
