import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { isSubjectToken } from './subject-token.util';

/** Small helpers for `Contract.check`: each returns a problem naming the field, or nothing. */
export function requireToken(field: string, value: string): string[] {
  if (value === '') {
    return [`${field} is required`];
  }
  return isSubjectToken(value) ? [] : [`${field} must match [A-Za-z0-9_-]+`];
}

export function requireTimestamp(field: string, value: Timestamp | undefined): string[] {
  return value === undefined ? [`${field} is required`] : [];
}

export function requireNonZero(field: string, value: number): string[] {
  return value === 0 ? [`${field} is required`] : [];
}

export function requireOneOf(field: string, value: string, allowed: readonly string[]): string[] {
  return allowed.includes(value) ? [] : [`${field} must be one of ${allowed.join(', ')}`];
}
