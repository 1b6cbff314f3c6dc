import type { ErrorClass, JobOutcome } from '../engine.types';
import type { OutcomeRecord, QueueSnapshot } from './engine-snapshot.types';

/** Inserts by time (stable for equal times) and keeps the newest `limit`. */
function insertBounded(list: OutcomeRecord[], record: OutcomeRecord, limit: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1].time > record.time) {
    i -= 1;
  }
  list.splice(i, 0, record);
  if (list.length > limit) {
    list.splice(0, list.length - limit);
  }
}

export function toRecord(outcome: JobOutcome): OutcomeRecord {
  const failed = outcome.outcome === 'failed';
  return {
    jobId: outcome.jobId,
    templateId: outcome.templateId,
    time: outcome.time,
    failed,
    ...(failed ? { errorClass: outcome.errorClass ?? 'unknown' } : {}),
  };
}

/** True when the job is already in the queue's evidence (a redelivered result). */
export function hasJob(queue: QueueSnapshot, outcome: JobOutcome): boolean {
  const sameJob = (r: OutcomeRecord): boolean => r.jobId === outcome.jobId;
  return queue.recent.some(sameJob) || (queue.templates[outcome.templateId] ?? []).some(sameJob);
}

export function addRecord(queue: QueueSnapshot, record: OutcomeRecord, perTemplate: number, perQueue: number): void {
  const list = queue.templates[record.templateId] ?? [];
  queue.templates[record.templateId] = list;
  insertBounded(list, record, perTemplate);
  insertBounded(queue.recent, record, perQueue);
}

/** Removes the results within [from, to] (an outage's incident window: they are not the queue's fault). */
export function dropRecords(queue: QueueSnapshot, from: number, to: number): void {
  const keep = (r: OutcomeRecord): boolean => r.time < from || r.time > to;
  queue.recent = queue.recent.filter(keep);
  for (const [templateId, list] of Object.entries(queue.templates)) {
    const kept = list.filter(keep);
    if (kept.length === 0) {
      delete queue.templates[templateId];
    } else {
      queue.templates[templateId] = kept;
    }
  }
}

/**
 * The results a rule looks at, oldest first: within `maxAge` of `now`, and either completed or failed
 * with one of `classes` (failures of other classes are not evidence either way). The records are kept
 * sorted by time, so the walk stops at the first one too old.
 */
export function counted(
  records: readonly OutcomeRecord[],
  classes: readonly ErrorClass[],
  now: number,
  maxAge: number,
): OutcomeRecord[] {
  const out: OutcomeRecord[] = [];
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const r = records[i];
    if (now - r.time > maxAge) {
      break;
    }
    if (!r.failed || classes.includes(r.errorClass ?? 'unknown')) {
      out.push(r);
    }
  }
  return out.reverse();
}
