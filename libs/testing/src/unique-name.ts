import { randomBytes } from 'node:crypto';

/** A short unique lower-case identifier, valid as namespace, schema name and subject token. */
export function uniqueName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
