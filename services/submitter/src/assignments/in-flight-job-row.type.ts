/** A job of a test that is not final in `jobs` (as far as the ingester has recorded). */
export interface InFlightJobRow {
  jobId: string;
  queueId: string;
  backend: string;
  backendJobId: string;
  submittedAt: Date;
  state: 'submitted' | 'running';
}
