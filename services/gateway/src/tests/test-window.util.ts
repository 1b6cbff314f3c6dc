import type { ApiErrorDetail } from '../errors/api-error-detail';
import { MAX_LIFETIME_SECONDS } from '../templates/max-lifetime-seconds.constant';
import type { TestWindow } from './test-window';

/** The window fields of a test request, each already well-formed (ISO-8601 with a zone, an integer). */
export interface TestWindowInput {
  startAt?: string;
  endAt?: string;
  durationSeconds?: number;
}

/**
 * The window of a requested test: from `startAt` (default `now`) to `endAt`, or for `durationSeconds`, or for
 * the template's lifetime. It must end in the future, last at most 366 days and start within 366 days.
 */
export function testWindow(
  input: TestWindowInput,
  lifetimeSeconds: number,
  now: Date,
): { window: TestWindow } | { violations: ApiErrorDetail[] } {
  if (input.endAt !== undefined && input.durationSeconds !== undefined) {
    return { violations: [{ field: 'durationSeconds', problem: 'must not be given with endAt' }] };
  }
  const startAt = input.startAt === undefined ? now : new Date(input.startAt);
  const endAt =
    input.endAt === undefined
      ? new Date(startAt.getTime() + (input.durationSeconds ?? lifetimeSeconds) * 1000)
      : new Date(input.endAt);
  // The field that set the end: endAt, durationSeconds, or (the template's lifetime) startAt.
  const endField =
    input.endAt !== undefined ? 'endAt' : input.durationSeconds !== undefined ? 'durationSeconds' : 'startAt';
  const violations: ApiErrorDetail[] = [];
  if (endAt.getTime() <= startAt.getTime()) {
    violations.push({ field: 'endAt', problem: 'must be later than startAt' });
  } else if (endAt.getTime() <= now.getTime()) {
    violations.push({ field: endField, problem: 'puts the end of the test in the past' });
  } else if (endAt.getTime() - startAt.getTime() > MAX_LIFETIME_SECONDS * 1000) {
    violations.push({ field: endField, problem: 'makes the test longer than 366 days' });
  }
  if (startAt.getTime() - now.getTime() > MAX_LIFETIME_SECONDS * 1000) {
    violations.push({ field: 'startAt', problem: 'must be within 366 days from now' });
  }
  return violations.length > 0 ? { violations } : { window: { startAt, endAt } };
}
