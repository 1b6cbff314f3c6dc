import type { EntityManager } from 'typeorm';
import type { StatusRow } from './commit-plan';

// A policy or guard change never overrides a manual status (manual > guard > policy), nor an offline queue;
// a manual change applies over both. Applying the same row twice leaves the queue as after the first.
const APPLY_STATUS = `
  UPDATE queues q SET
    status = v.status,
    status_source = v.source,
    status_set_by = v.set_by,
    status_since = v.since,
    exclusion_count = COALESCE(v.exclusion_count, q.exclusion_count),
    next_eligible_at = v.next_eligible_at,
    updated_at = now()
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::integer[], $7::timestamptz[],
    $8::boolean[]) AS v(queue_id, status, source, set_by, since, exclusion_count, next_eligible_at, manual)
  WHERE q.id = v.queue_id
    AND (v.manual OR (q.status <> 'offline' AND q.status_source IS DISTINCT FROM 'manual'))`;

/** Sets queue status rows (at most one row per queue), inside the caller's transaction. */
export async function applyStatusRows(m: EntityManager, rows: readonly StatusRow[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await m.query(APPLY_STATUS, [
    rows.map((r) => r.queueId),
    rows.map((r) => r.status),
    rows.map((r) => r.source),
    rows.map((r) => r.setBy),
    rows.map((r) => r.since),
    rows.map((r) => r.exclusionCount),
    rows.map((r) => r.nextEligibleAt),
    rows.map((r) => r.manual),
  ]);
}
