import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';

/** RFC 6750 error codes for `WWW-Authenticate: Bearer error="…"`. */
export type BearerError = 'invalid_request' | 'invalid_token';

/**
 * A 401 naming what is wrong with the Authorization header (`problem`, e.g. 'holds an expired token'): none was
 * sent (`bearerError` undefined) or it is unusable. `AuthGuard` sends `challenge()` with it.
 */
export class UnauthenticatedException extends ApiException {
  constructor(
    problem: string,
    readonly bearerError?: BearerError,
  ) {
    super(ApiErrorCode.Unauthorized, `Authorization ${problem}`, [{ field: 'Authorization', problem }]);
  }

  /** The `WWW-Authenticate` value that goes with this answer. */
  challenge(): string {
    if (this.bearerError === undefined) {
      return 'Bearer realm="anvil"';
    }
    // A quoted-string of printable ASCII (RFC 6750 §3): other characters would make the header invalid.
    const description = this.message.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
    return `Bearer realm="anvil", error="${this.bearerError}", error_description="${description}"`;
  }
}
