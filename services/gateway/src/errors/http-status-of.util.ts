import { HttpStatus } from '@nestjs/common';
import { ApiErrorCode } from './api-error-code.enum';

/** The one place error codes become HTTP statuses. */
export function httpStatusOf(code: ApiErrorCode): HttpStatus {
  switch (code) {
    case ApiErrorCode.ValidationFailed:
    case ApiErrorCode.InvalidJson:
    case ApiErrorCode.RequestRejected:
      return HttpStatus.BAD_REQUEST;
    case ApiErrorCode.Unauthorized:
      return HttpStatus.UNAUTHORIZED;
    case ApiErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ApiErrorCode.NotFound:
    case ApiErrorCode.TemplateNotFound:
    case ApiErrorCode.TestNotFound:
    case ApiErrorCode.QueueNotFound:
    case ApiErrorCode.ApiTokenNotFound:
    case ApiErrorCode.TemplateVersionNotFound:
    case ApiErrorCode.JobNotFound:
    case ApiErrorCode.SiteNotFound:
    case ApiErrorCode.DecisionNotFound:
    case ApiErrorCode.OutageNotFound:
    case ApiErrorCode.PolicyNotFound:
      return HttpStatus.NOT_FOUND;
    case ApiErrorCode.MethodNotAllowed:
      return HttpStatus.METHOD_NOT_ALLOWED;
    case ApiErrorCode.TemplateNameTaken:
    case ApiErrorCode.TemplateInactive:
    case ApiErrorCode.TestFinished:
    case ApiErrorCode.QueueIdTaken:
    case ApiErrorCode.PolicyVersionTaken:
    case ApiErrorCode.IdempotencyKeyInProgress:
      return HttpStatus.CONFLICT;
    case ApiErrorCode.IdempotencyKeyReused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ApiErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ApiErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ApiErrorCode.TooManyRequests:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ApiErrorCode.Unavailable:
    case ApiErrorCode.CommandNotPublished:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ApiErrorCode.Internal:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
