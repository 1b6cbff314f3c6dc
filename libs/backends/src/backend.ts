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
 * A job the backend holds for a test, found by the marks it was submitted with (job name, labels, comment).
 * A submitter taking a test over adopts these, so a job whose `submitted` event its dead owner never
 * published is tracked rather than lost or submitted again.
 */
export interface BackendJobRecord {
  readonly jobId: string;
  readonly queueId: string;
  readonly backendJobId: string;
  /** The `JobSpec.submittedAt` the job was submitted with. */
  readonly submittedAt: Date;
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
  /**
   * The test's jobs the backend still knows (queued, running, or finished recently enough to be polled).
   * Backends that cannot search by test return what they can and say so in their docs.
   */
  jobsOfTest(testId: string): Promise<BackendJobRecord[]>;
  /** Releases connections or child processes, if any. */
  close?(): Promise<void>;
}
