import { ERROR_CLASSES, type ErrorClass, type JobOutcome } from '../engine.types';
import { TraceLineError } from './trace-line.exception';

const ID = /^[A-Za-z0-9_.-]+$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const FIELDS = ['time', 'queue', 'site', 'template', 'outcome', 'errorClass'];

function id(value: unknown, field: string, lineNumber: number): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw new TraceLineError(lineNumber, field, 'must be an id (letters, digits, _ . -)');
  }
  return value;
}

/**
 * One NDJSON trace line: `{"time":"<ISO-8601>","queue":"<id>","site":"<id>","template":"<id>",
 * "outcome":"completed"|"failed","errorClass":"site"|"central"|"workload"|"unknown"}` (`errorClass` only
 * on failed lines; missing there = `unknown`). The job id is `line-<n>`. Throws a `TraceLineError`.
 */
export function parseTraceLine(line: string, lineNumber: number): JobOutcome {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new TraceLineError(lineNumber, 'line', 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TraceLineError(lineNumber, 'line', 'must be a JSON object');
  }
  const f = value as Record<string, unknown>;
  const unknownKey = Object.keys(f).find((k) => !FIELDS.includes(k));
  if (unknownKey !== undefined) {
    throw new TraceLineError(lineNumber, unknownKey, `is not a trace field (known: ${FIELDS.join(', ')})`);
  }
  const time = typeof f.time === 'string' && ISO.test(f.time) ? Date.parse(f.time) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new TraceLineError(lineNumber, 'time', 'must be an ISO-8601 date-time with a time zone');
  }
  const outcome = f.outcome;
  if (outcome !== 'completed' && outcome !== 'failed') {
    throw new TraceLineError(lineNumber, 'outcome', 'must be "completed" or "failed"');
  }
  let errorClass: ErrorClass | undefined;
  if (f.errorClass !== undefined) {
    if (outcome !== 'failed') {
      throw new TraceLineError(lineNumber, 'errorClass', 'is only allowed on failed lines');
    }
    if (typeof f.errorClass !== 'string' || !(ERROR_CLASSES as readonly string[]).includes(f.errorClass)) {
      throw new TraceLineError(lineNumber, 'errorClass', `must be one of ${ERROR_CLASSES.join(', ')}`);
    }
    errorClass = f.errorClass as ErrorClass;
  }
  return {
    jobId: `line-${lineNumber}`,
    queueId: id(f.queue, 'queue', lineNumber),
    siteId: id(f.site, 'site', lineNumber),
    templateId: id(f.template, 'template', lineNumber),
    time,
    outcome,
    ...(outcome === 'failed' ? { errorClass: errorClass ?? 'unknown' } : {}),
  };
}
