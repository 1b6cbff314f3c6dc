import { ApiException } from '../errors/api.exception';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-headers.constant';

// 1-255 printable ASCII characters (a UUID, a ULID, any client-made token).
const KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * The request's idempotency key from the header's values as received (`request.headersDistinct`: Node would join
 * two headers into one "a, b"), undefined without the header; a 400 naming the header when it is malformed or
 * given more than once.
 */
export function idempotencyKeyOf(values: readonly string[] | undefined): string | undefined {
  if (values === undefined) {
    return undefined;
  }
  if (values.length !== 1 || !KEY.test(values[0])) {
    throw ApiException.invalidField(IDEMPOTENCY_KEY_HEADER, 'must be 1-255 printable ASCII characters, given once');
  }
  return values[0];
}
