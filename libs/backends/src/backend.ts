import type { BackendJobStatus } from './backend-job-status';
import type { BackendName } from './backend-name';
import type { JobSpec } from './job-spec';

/** What a backend can do; the submitter adapts to it (e.g. poll batch size). */
export interface BackendCapabilities {
  /** Jobs can be cancelled (otherwise `cancel` is a no-op and jobs run to their end). */
  readonly cancel: boolean;
  /** `poll` with many ids costs about one call (squeue, a PanDA bulk status), not one per job. */
  readonly bulkPoll: boolean;
  /** Final statuses carry wall/CPU/RSS/event metrics. */
  readonly metrics: boolean;
  /** Most ids to pass to one `poll` call. */
  readonly maxPollBatch: number;
}

/** The backend's handle for a submitted job. */
export interface SubmittedJob {
  readonly backendJobId: string;
}

/**
 * One submission backend (sim, local, slurm, panda, kubernetes): the only interface the submitter
 * uses. Implementations throw on failure; the submitter retries on its next tick.
 */
export interface Backend {
  readonly name: BackendName;
  readonly capabilities: BackendCapabilities;
  submit(spec: JobSpec): Promise<SubmittedJob>;
  /** Current status of each job; a job the backend does not know is absent from the map. */
  poll(backendJobIds: readonly string[]): Promise<Map<string, BackendJobStatus>>;
  /** Cancels a job that is not final yet; cancelling a final or unknown job does nothing. */
  cancel(backendJobId: string): Promise<void>;
  /** Releases connections or child processes, if any. */
  close?(): Promise<void>;
}
