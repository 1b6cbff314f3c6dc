import { HttpStatus } from '@nestjs/common';
import { ApiErrorCode } from './api-error-code.enum';

/** An error code for an HTTP exception raised by the framework (unknown route, draining replica...). */
export function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case HttpStatus.UNAUTHORIZED as number:
      return ApiErrorCode.Unauthorized;
    case HttpStatus.FORBIDDEN as number:
      return ApiErrorCode.Forbidden;
    case HttpStatus.NOT_FOUND as number:
      return ApiErrorCode.NotFound;
    case HttpStatus.METHOD_NOT_ALLOWED as number:
      return ApiErrorCode.MethodNotAllowed;
    case HttpStatus.PAYLOAD_TOO_LARGE as number:
      return ApiErrorCode.PayloadTooLarge;
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE as number:
      return ApiErrorCode.UnsupportedMediaType;
    case HttpStatus.TOO_MANY_REQUESTS as number:
      return ApiErrorCode.TooManyRequests;
    case HttpStatus.SERVICE_UNAVAILABLE as number:
      return ApiErrorCode.Unavailable;
    default:
      return status >= 500 ? ApiErrorCode.Internal : ApiErrorCode.RequestRejected;
  }
}
