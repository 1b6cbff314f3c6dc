/** What to run: the template's workload. Backends that simulate (sim) ignore the command. */
export interface JobWorkload {
  readonly command: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeLimitSeconds?: number;
}

/** One job to submit to one queue. */
export interface JobSpec {
  /** Anvil's job id (a UUID chosen by the submitter before submission). */
  readonly jobId: string;
  readonly testId: string;
  readonly queueId: string;
  /** The queue's `backend_config`; each backend validates its own shape. */
  readonly backendConfig: unknown;
  readonly workload: JobWorkload;
  /** Values substituted into the workload (`$ANVIL_QUEUE`, …). */
  readonly variables: Readonly<Record<string, string>>;
}
