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
  /** Submissions of a job the grid already had, and backend jobs behind more than one row. */
  readonly duplicated: number;
  /** Rows for jobs the grid never received. */
  readonly phantom: number;
  readonly byState: Readonly<Record<string, number>>;
}

interface JobRow {
  id: string;
  state: string;
  backend_job_id: string;
}

/** Compares the rows of `testIds` with the grid's own record of what it was sent. */
export async function accountJobs(
  dataSource: DataSource,
  testIds: readonly string[],
  gridJobs: readonly GridJob[],
  repeatedSubmissions: number,
): Promise<JobAccounting> {
  const rows = await dataSource.query<JobRow[]>(
    `SELECT id, state, backend_job_id FROM jobs WHERE test_id = ANY($1::uuid[])`,
    [testIds],
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
    duplicated: repeatedSubmissions + doubleRows + sharedBackendIds,
    phantom: [...byId.keys()].filter((id) => !onGrid.has(id)).length,
    byState,
  };
}
