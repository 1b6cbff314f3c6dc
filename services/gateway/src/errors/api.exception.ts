import { ApiErrorCode } from './api-error-code.enum';
import type { ApiErrorDetail } from './api-error-detail';

/** A request the API refuses. Carries a code (mapped to an HTTP status by the exception filter), never a status. */
export class ApiException extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiException';
  }

  /** 400 naming the fields and the rules they broke; the message repeats the first one. */
  static validation(details: readonly ApiErrorDetail[]): ApiException {
    const first = details[0];
    const message = first ? `${first.field} ${first.problem}` : 'invalid request';
    return new ApiException(
      ApiErrorCode.ValidationFailed,
      details.length > 1 ? `${message} (and ${details.length - 1} more)` : message,
      details,
    );
  }

  static invalidField(field: string, problem: string): ApiException {
    return ApiException.validation([{ field, problem }]);
  }
}
