/** The `exit` file: the batch script saw the workload end (on its own or at its time limit). */
export interface SlurmJobExit {
  /** The code the batch script got: the workload's, 124 from `timeout`, or 128+n after signal n. */
  readonly exitCode: number;
  readonly startedMs: number;
  readonly endedMs: number;
}

/** GNU time's report (the `time` file). */
export interface SlurmJobUsage {
  readonly wallSeconds?: number;
  readonly cpuSeconds?: number;
  readonly maxRssKb?: number;
  /** The signal that ended the workload, when GNU time said so. */
  readonly signal?: number;
}

/** What a job directory says about how its job ran; fields are absent while their file is missing. */
export interface SlurmJobResult {
  /** When the batch script started (the `started` file). */
  readonly startedMs?: number;
  readonly exit?: SlurmJobExit;
  readonly usage?: SlurmJobUsage;
  /** Tails of the job's outputs (empty when missing). */
  readonly stdout: string;
  readonly stderr: string;
}
