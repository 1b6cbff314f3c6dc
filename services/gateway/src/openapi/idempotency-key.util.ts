import type { OpenAPIObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency-headers.constant';

const HEADER_DESCRIPTION =
  'Makes the POST safe to retry: a repeat with the same key and body gets the first answer (with ' +
  '`Idempotent-Replayed: true`) instead of running again. Keys are per identity.';

/**
 * Documents the global idempotency interceptor on every POST: the optional `Idempotency-Key` header and its two
 * refusals (409 while the first request runs, 422 when the key was used for another request).
 */
export function withIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const operation = item.post;
    if (!operation) {
      continue;
    }
    const parameters = (operation.parameters ??= []);
    const named = parameters.some(
      (p) => 'in' in p && p.in === 'header' && p.name.toLowerCase() === IDEMPOTENCY_KEY_HEADER.toLowerCase(),
    );
    if (!named) {
      parameters.push({
        name: IDEMPOTENCY_KEY_HEADER,
        in: 'header',
        required: false,
        description: HEADER_DESCRIPTION,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    }
    operation.responses['409'] ??= {
      description: 'The first request with this Idempotency-Key is still running (`IDEMPOTENCY_KEY_IN_PROGRESS`)',
    };
    operation.responses['422'] ??= {
      description:
        'Valid, but it cannot be done (e.g. an inactive template, a finished test), or the Idempotency-Key was ' +
        'used for another request (`IDEMPOTENCY_KEY_REUSED`)',
    };
  }
  return document;
}
