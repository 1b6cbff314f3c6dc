/** Subject tokens are ids, never free text (ARCHITECTURE.md section 3). */
export const SUBJECT_TOKEN = /^[A-Za-z0-9_-]+$/;

export function isSubjectToken(value: string): boolean {
  return SUBJECT_TOKEN.test(value);
}

/** Returns `value` when it is a valid subject token, otherwise throws naming the `field`. */
export function subjectToken(field: string, value: string): string {
  if (!isSubjectToken(value)) {
    throw new Error(`${field} ${JSON.stringify(value)} is not a valid subject token ([A-Za-z0-9_-]+)`);
  }
  return value;
}

/** NATS subject matching with `*` (one token) and `>` (one or more trailing tokens). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') {
      return s.length > i;
    }
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) {
      return false;
    }
  }
  return p.length === s.length;
}
