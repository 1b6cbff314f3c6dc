/** `meta.json`: what a job is, written once at submission. */
export interface LocalJobMeta {
  readonly jobId: string;
  readonly testId: string;
  readonly queueId: string;
  /** Anvil's submission time (`JobSpec.submittedAt`), ISO 8601; returned by `jobsOfTest`. */
  readonly submittedAt: string;
  /** When this backend accepted the job (its clock); waiting jobs start in this order. */
  readonly acceptedAtMs: number;
  readonly timeLimitSeconds?: number;
}

/** `process.json`: the wrapper's process (leader of the job's process group) and when it started. */
export interface LocalJobProcess {
  readonly pid: number;
  /** The host's boot id then: after a reboot, a pid means nothing. */
  readonly bootId: string;
  readonly startedAtMs: number;
}

/** `end.json`: how the job's wrapper ended. */
export interface LocalJobEnd {
  readonly finishedAtMs: number;
  /** False when the job was cancelled before its script started. */
  readonly ran: boolean;
  /** The wrapper's wait status of the measured script (GNU time's report is more precise). */
  readonly status?: number;
  /** Written by a backend, not the wrapper: the job's processes were gone without an end. */
  readonly vanished?: boolean;
}

/** `cancel.json`: the job was cancelled. */
export interface LocalJobCancel {
  readonly cancelledAtMs: number;
}
