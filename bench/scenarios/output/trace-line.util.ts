import type { JobOutcome } from '@anvil/policy';

/**
 * One NDJSON trace line as `anvil-policy replay --trace` reads it:
 * `{"time":"<ISO-8601>","queue","site","template","outcome","errorClass"}` (`errorClass` only on failed).
 */
export function toTraceLine(outcome: JobOutcome): string {
  return JSON.stringify({
    time: new Date(outcome.time).toISOString(),
    queue: outcome.queueId,
    site: outcome.siteId,
    template: outcome.templateId,
    outcome: outcome.outcome,
    ...(outcome.outcome === 'failed' ? { errorClass: outcome.errorClass ?? 'unknown' } : {}),
  });
}
