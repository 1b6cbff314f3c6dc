import type { ApiErrorDetail } from '../errors/api-error-detail';
import type { OverrideQueueDto } from './dto/override-queue.dto';

/** Rules across fields and against the clock that the DTO decorators cannot express. */
export function overrideRuleViolations(input: OverrideQueueDto, now: Date): ApiErrorDetail[] {
  if (input.expiresAt === undefined || input.expiresAt === null) {
    return [];
  }
  if (input.mode === 'clear') {
    return [{ field: 'expiresAt', problem: 'must not be given when mode is clear' }];
  }
  if (Date.parse(input.expiresAt) <= now.getTime()) {
    return [{ field: 'expiresAt', problem: 'must be in the future' }];
  }
  return [];
}
