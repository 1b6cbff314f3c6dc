import type { JobFilter } from './job-filter';

/** A job's columns, named as in JobDto; bigints as numbers, an empty backend id or submitter as null. */
const JOB_COLUMNS = `
  j.id, j.test_id AS "testId", j.queue_id AS "queueId", j.backend, NULLIF(j.backend_job_id, '') AS "backendJobId",
  NULLIF(j.submitter_id, '') AS "submitterId", j.state, j.submitted_at AS "submittedAt", j.started_at AS "startedAt",
  j.finished_at AS "finishedAt", j.updated_at AS "updatedAt", j.exit_code AS "exitCode",
  j.error_class AS "errorClass", j.error_message AS "errorMessage", j.wall_seconds AS "wallSeconds",
  j.cpu_seconds AS "cpuSeconds", j.max_rss_kb::float8 AS "maxRssKb", j.stage_in_seconds AS "stageInSeconds",
  j.events::float8 AS events, j.metrics`;

// The submission time to the microsecond, as text: the cursor's half that a JS Date cannot hold.
const SUBMITTED_AT_KEY = `to_char(j.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** One job by id: its primary key's index in each partition (the id alone does not say which partition). */
export function jobByIdSql(id: string): SqlQuery {
  return {
    text: `SELECT ${JOB_COLUMNS} FROM jobs j WHERE j.id = $1 ORDER BY j.submitted_at DESC LIMIT 1`,
    values: [id],
  };
}

/**
 * A page of jobs, newest submission first, after `filter.after`. The scan walks one index in key order —
 * `(test_id, submitted_at, id)`, `(test_id, queue_id, submitted_at)` or `(queue_id, submitted_at)`, pruned to the
 * partitions of the time range — and examines at most `scanLimit` jobs; `state` (which no index may hold: a state
 * change must stay a heap-only update) is applied to those. Each row carries `key`, its submission time as text.
 */
export function jobPageSql(filter: JobFilter, scanLimit: number): SqlQuery {
  const { where, values } = scanConditions(filter);
  const scanned = `
    SELECT ${JOB_COLUMNS}, ${SUBMITTED_AT_KEY} AS key
      FROM jobs j
     WHERE ${where}
     ORDER BY j.submitted_at DESC, j.id DESC
     LIMIT ${scanLimit}`;
  if (filter.state === undefined) {
    return { text: scanned, values };
  }
  values.push(filter.state);
  return {
    text: `SELECT * FROM (${scanned}) s
            WHERE s.state = $${values.length}
            ORDER BY s."submittedAt" DESC, s.id DESC
            LIMIT ${filter.limit + 1}`,
    values,
  };
}

/**
 * The position of the last job a scan of `scanLimit` examines, when there are that many (otherwise no row: the
 * scan reached the end). Reads the index's keys only.
 */
export function jobScanEndSql(filter: JobFilter, scanLimit: number): SqlQuery {
  const { where, values } = scanConditions(filter);
  return {
    text: `SELECT ${SUBMITTED_AT_KEY} AS key, j.id
             FROM jobs j
            WHERE ${where}
            ORDER BY j.submitted_at DESC, j.id DESC
            OFFSET ${scanLimit - 1} LIMIT 1`,
    values,
  };
}

function scanConditions(filter: JobFilter): { where: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions: string[] = [];
  if (filter.testId !== undefined) {
    conditions.push(`j.test_id = ${param(filter.testId)}`);
  }
  if (filter.queueId !== undefined) {
    conditions.push(`j.queue_id = ${param(filter.queueId)}`);
  }
  if (filter.submittedSince !== undefined) {
    conditions.push(`j.submitted_at >= ${param(filter.submittedSince)}`);
  }
  if (filter.submittedUntil !== undefined) {
    conditions.push(`j.submitted_at < ${param(filter.submittedUntil)}`);
  }
  if (filter.after !== undefined) {
    // Spelled out rather than a row comparison, so that `submitted_at <=` bounds every one of the indexes.
    const at = param(filter.after.submittedAt);
    const id = param(filter.after.id);
    conditions.push(
      `j.submitted_at <= ${at}::timestamptz AND (j.submitted_at < ${at}::timestamptz OR j.id < ${id}::uuid)`,
    );
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : 'true', values };
}
