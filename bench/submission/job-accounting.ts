import type { DataSource } from 'typeorm';

/** A job as the simulated grid saw it: submitted once or more under one Anvil job id. */
export interface GridJob {
  readonly jobId: string;
  readonly backendJobId: string;
}

/** What the database says about the jobs of some tests, against what the grid received. */
export interface JobAccounting {
  /** Jobs the grid received. */
  readonly gridJobs: number;
  /** Rows in `jobs`. */
  readonly rows: number;
  /** Grid jobs without a row that reached a final state other than `lost`. */
  readonly lost: number;
  /**
   * Submissions of a job the grid already had, jobs with more than one row, backend jobs behind more than one
   * Anvil job, and jobs beyond a queue's `maxRunning` at its busiest moment (`overLimit`).
   */
  readonly duplicated: number;
  /** Per queue, jobs in flight beyond `maxRunning` at the busiest moment, summed: a queue fed twice. */
  readonly overLimit: number;
  /** Rows for jobs the grid never received. */
  readonly phantom: number;
  readonly byState: Readonly<Record<string, number>>;
}

export interface JobRow {
  id: string;
  state: string;
  backend_job_id: string;
  queue_id: string;
  submitted_at: Date;
  finished_at: Date | null;
}

/** Most rows of one queue in flight at once: from `submitted_at` until `finished_at` (for ever when unset). */
export function peakInFlight(rows: readonly JobRow[]): number {
  const moments = rows.flatMap((row) => [
    { at: row.submitted_at.getTime(), delta: 1 },
    { at: row.finished_at?.getTime() ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  // An end and a start at the same moment: the end first (the slot was freed, then reused).
  moments.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const moment of moments) {
    current += moment.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Compares the rows of `testIds` with the grid's own record of what it was sent. */
export async function accountJobs(
  dataSource: DataSource,
  testIds: readonly string[],
  gridJobs: readonly GridJob[],
  repeatedSubmissions: number,
  maxRunning: number,
): Promise<JobAccounting> {
  const rows = await dataSource.query<JobRow[]>(
    `SELECT id, state, backend_job_id, queue_id, submitted_at, finished_at FROM jobs WHERE test_id = ANY($1::uuid[])`,
    [testIds],
  );
  const byQueue = new Map<string, JobRow[]>();
  for (const row of rows) {
    byQueue.set(row.queue_id, [...(byQueue.get(row.queue_id) ?? []), row]);
  }
  const overLimit = [...byQueue.values()].reduce(
    (sum, queueRows) => sum + Math.max(0, peakInFlight(queueRows) - maxRunning),
    0,
  );
  const byId = new Map<string, JobRow[]>();
  const byBackendId = new Map<string, Set<string>>();
  const byState: Record<string, number> = {};
  for (const row of rows) {
    byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
    const ids = byBackendId.get(row.backend_job_id) ?? new Set<string>();
    ids.add(row.id);
    byBackendId.set(row.backend_job_id, ids);
    byState[row.state] = (byState[row.state] ?? 0) + 1;
  }
  const onGrid = new Set(gridJobs.map((job) => job.jobId));
  const ended = (row: JobRow): boolean => !['submitted', 'running', 'lost'].includes(row.state);
  const lost = gridJobs.filter((job) => !(byId.get(job.jobId) ?? []).some(ended)).length;
  const doubleRows = [...byId.values()].filter((jobRows) => jobRows.length > 1).length;
  const sharedBackendIds = [...byBackendId.values()].filter((ids) => ids.size > 1).length;
  return {
    gridJobs: gridJobs.length,
    rows: rows.length,
    lost,
    duplicated: repeatedSubmissions + doubleRows + sharedBackendIds + overLimit,
    overLimit,
    phantom: [...byId.keys()].filter((id) => !onGrid.has(id)).length,
    byState,
  };
}
