import type { Request } from 'express';
import { UnauthenticatedException } from './unauthenticated.exception';

/** The token of `Authorization: Bearer <token>`; null without the header. Any other form is a 401. */
export function bearerTokenOf(request: Request): string | null {
  const header = request.headers.authorization;
  if (header === undefined) {
    return null;
  }
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) {
    throw new UnauthenticatedException('must be "Bearer <token>"', 'invalid_request');
  }
  return match[1];
}
