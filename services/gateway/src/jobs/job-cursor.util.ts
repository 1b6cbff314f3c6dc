import type { JobCursor } from './job-cursor';

const KEY =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The opaque `cursor` of a page: base64url of `<submittedAt>|<id>`. */
export function encodeJobCursor(cursor: JobCursor): string {
  return Buffer.from(`${cursor.submittedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The position a `cursor` names; undefined when it is not one this API made. */
export function decodeJobCursor(text: string): JobCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) {
    return undefined;
  }
  const match = KEY.exec(Buffer.from(text, 'base64url').toString('utf8'));
  // A date PostgreSQL would refuse (February 30th) must be refused here, not become a database error.
  const at = match ? Date.parse(match[1]) : NaN;
  if (!match || Number.isNaN(at) || new Date(at).toISOString().slice(0, 19) !== match[1].slice(0, 19)) {
    return undefined;
  }
  return { submittedAt: match[1], id: match[2] };
}
