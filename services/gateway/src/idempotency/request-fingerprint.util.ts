import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.util';

/**
 * What makes two requests "the same" for an idempotency key: the SHA-256 (hex) of the method, the path with its
 * query string, and the body as canonical JSON (key order and white space do not matter).
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${body === undefined ? '' : canonicalJson(body)}`, 'utf8')
    .digest('hex');
}
