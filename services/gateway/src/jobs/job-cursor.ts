/** Where a page of jobs stops: the last job's submission time, to the microsecond, and id. */
export interface JobCursor {
  /** ISO-8601 UTC with microseconds, as PostgreSQL stores it (a JS Date would drop them). */
  submittedAt: string;
  id: string;
}
